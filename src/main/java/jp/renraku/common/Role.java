package jp.renraku.common;

/**
 * Staff roles of Art. 2. The system administrator is city-wide; the others belong to
 * exactly one body.
 */
public enum Role {

	/** システム管理者: city-wide, admits bodies and designates operations managers (Art. 3). */
	SYSTEM_ADMIN,

	/** 運用管理者: runs the system for one body and appoints its senders (Art. 4). */
	OPERATIONS_MANAGER,

	/** 業務担当者: sends mail for one body and watches confirmations (Art. 5). */
	SENDER;

	public boolean bodyBound() {
		return this != SYSTEM_ADMIN;
	}

	public String authority() {
		return "ROLE_" + name();
	}

}
