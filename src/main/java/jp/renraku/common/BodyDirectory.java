package jp.renraku.common;

import java.util.Map;

/**
 * Names of bodies by id, for modules that show a body id they recorded (the audit trail)
 * but cannot depend on the organization module, which depends on them.
 */
public interface BodyDirectory {

	Map<Long, String> namesById();

}
