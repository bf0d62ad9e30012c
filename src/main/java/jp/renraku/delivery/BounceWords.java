package jp.renraku.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The wording mail servers use for each bounce reason, in English and Japanese, as
 * Postfix, Sendmail, Exim, qmail, Exchange, Domino, the large mailbox providers and the
 * Japanese carriers and ISPs write it (collected after sisimai's reason rules and the
 * servers' own documentation). Read in order: the first reason whose wording the reply
 * contains wins, so the narrower readings come first — the resident's filter before "user
 * unknown" (au answers {@code 550 : User unknown} for its filter), a full mailbox before
 * any status code, our sender address before a domain that does not exist.
 */
final class BounceWords {

	/** Reason by wording, in the order they are tried. */
	static final Map<BounceReason, Pattern> IN_ORDER = new LinkedHashMap<>();

	/** Policy wording read late: "policy" alone says less than a block list's name. */
	static final Pattern LATE_POLICY = words("polic(?:y|ies)", "prohibited", "not permitted", "not authori[sz]ed",
			"administrative(?:ly)? (?:prohibit|denied)", "denied by", "refused by (?:local )?(?:rule|administrator)",
			"規約|ポリシー");

	/** "Try again" words: a failure they describe is not lasting. */
	static final Pattern TEMPORARY = words("try again", "temporar", "transient", "retry later", "please retry", "一時的",
			"しばらく(?:して|後)");

	static {
		IN_ORDER.put(BounceReason.FILTERED,
				words("550\\s*(?:<>)?\\s*: user unknown", "x-spasign: ng", "user refuses", "refuses? to accept",
						"rejected by (?:the )?recipient'?s? (?:filter|rule|setting)",
						"recipient'?s? (?:filter|rule|settings?)", "due to user rules", "only accepting mail from",
						"has restricted", "is not accepting any mail", "message filtered",
						"you have been blocked by the recipient", "refuse to receive", "blocked by recipient",
						"受信(?:を)?拒否", "受信許可", "指定受信", "迷惑メール(?:フィルタ|対策|設定|ブロック)", "受信設定"));
		IN_ORDER.put(BounceReason.MAILBOX_FULL,
				words("mailbox (?:is )?full", "mailbox full", "inbox (?:is )?full",
						"over (?:the |its |their |his |her )?quota", "overquota",
						"(?<!sending |daily |hourly |rate )quota exceeded",
						"exceeded (?:the |its |their )?(?:storage|quota|disk)", "exceed(?:ed|s)? (?:the )?mailbox",
						"insufficient (?:storage|disk|space)", "mailbox (?:size )?limit exceeded",
						"not enough (?:storage|space|disk)", "too much mail data", "out of storage",
						"storage (?:space )?(?:is )?full", "(?:disk|storage) quota", "mail ?folder is full",
						"mailbox is over", "user has exceeded",
						"(?:メールボックス|受信箱|ボックス|容量)[^。\\n]{0,15}(?:一杯|いっぱい|超過|オーバー|不足|上限|満杯|超え)", "容量(?:超過|オーバー|不足)"));
		IN_ORDER.put(BounceReason.MESSAGE_TOO_BIG, words("message (?:size |length )?(?:exceeds|too (?:big|large))",
				"(?:size|length) (?:of (?:the )?message )?exceeds", "exceeds (?:the )?(?:maximum|max|fixed|size)",
				"message is too (?:big|large)", "mail (?:is )?too (?:big|large)", "size limit", "too big for",
				"(?:メール|メッセージ)?サイズ[^。\\n]{0,10}(?:制限|上限|超え|大き)"));
		IN_ORDER.put(BounceReason.RATE_LIMITED, words(
				"too many (?:recipients|messages|mails|e-?mails|connections|sessions|concurrent|rcpt|deliveries)(?! in )",
				"rate limit", "rate (?:exceeded|limited|limiting)", "ratelimit", "throttl", "unusual rate",
				"sending too fast", "too fast", "(?:sending|message|daily|hourly) (?:limit|quota) (?:exceeded|reached)",
				"recipients this hour", "messages this hour", "(?:unexpected|excessive|high|unusual) volume",
				"try again later.{0,40}(?:rate|volume)", "(?:送信|受信)(?:数|量)[^。\\n]{0,8}(?:上限|制限|超え)"));
		IN_ORDER.put(BounceReason.SENDER_REJECTED, words("sender address rejected", "domain of sender address",
				"\\(our-domain\\)[^.\\n]{0,40}(?:does not exist|doesn't exist|not found|unknown|invalid|rejected)",
				"sender (?:domain|address) (?:\\S+ )?(?:does not exist|doesn't exist|not found|unknown|is invalid|invalid)",
				"sender verify failed", "sender verification", "sender rejected", "invalid sender", "unroutable sender",
				"sender (?:address )?(?:is )?unknown",
				"(?:envelope[- ]|mail[- ])?from address (?:rejected|invalid|not accepted)", "bad sender",
				"returned mail not accepted", "null sender is not allowed", "bogus mail from",
				"return[- ]path (?:address )?(?:rejected|invalid|unknown)",
				"sender is (?:in my black ?list|not allowed)", "送信者[^。\\n]{0,10}(?:拒否|存在しません|見つかりません|不正)",
				"送信元[^。\\n]{0,10}(?:ドメイン|アドレス)[^。\\n]{0,10}(?:存在しません|見つかりません|不正)"));
		IN_ORDER.put(BounceReason.POLICY,
				words("\\bspf\\b", "\\bdkim\\b", "\\bdmarc\\b", "unauthenticated",
						"authentication (?:required|failed|failure|results)", "not pass authentication",
						"relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited)", "unable to relay",
						"relay not permitted", "we do not relay", "tls (?:is )?required", "must (?:issue a )?starttls",
						"encryption required", "secure connection", "authentication level",
						"does not meet the required authentication"));
		IN_ORDER.put(BounceReason.SUSPENDED,
				words("(?:account|mailbox|user|address|e-?mail)(?: \\S+)? (?:has been |is |was )?(?:temporarily )?"
						+ "(?:disabled|suspended|inactive|deactivated|locked|frozen|blocked due to inactivity)",
						"(?:disabled|suspended|inactive|deactivated|locked) (?:account|mailbox|user)",
						"not (?:currently )?active", "account (?:is )?expired", "mailbox is disabled",
						"アカウント[^。\\n]{0,8}(?:停止|凍結|無効)", "利用停止", "休止"));
		IN_ORDER.put(BounceReason.HAS_MOVED, words("has moved", "address (?:has )?changed", "moved (?:to|permanently)",
				"new (?:e-?mail )?address is", "no forwarding address"));
		IN_ORDER.put(BounceReason.HOST_UNKNOWN,
				words("host or domain name not found", "host not found",
						"domain (?:name )?(?:not found|not exist|does not exist|doesn't exist|unknown|is unknown)",
						"no such domain", "unrouteable (?:address|mail domain)", "unroutable (?:address|mail domain)",
						"nxdomain", "name or service not known", "non-?existent hosts?", "mx records? point to",
						"unknown host", "no mx(?: record)?", "nonexistentdomain", "non-?existent domain", "null mx",
						"does not accept mail", "remote domain doesn'?t exist", "domain (?:\\S+ )?has no (?:mx|mail)",
						"bad destination system", "ドメイン[^。\\n]{0,10}(?:存在しません|見つかりません|存在しない|不明)"));
		IN_ORDER.put(BounceReason.USER_UNKNOWN, words("user unknown", "unknown user", "unknown (?:e-?mail )?address",
				"unknown recipient", "recipient unknown", "unknown mailbox", "mailbox unknown",
				"unknown local[- ]?part", "addressee unknown", "address unknown", "user not known",
				"no such (?:user|mailbox|recipient|address|person|account)",
				"(?:user|mailbox|recipient|address|account|e-?mail address|e-?mail account)(?: \\S+)? (?:does not|doesn't|did not) exist",
				"does not exist (?:here|at this|in)", "(?:user|recipient|mailbox|address|account) (?:was )?not found",
				"not (?:a )?valid (?:recipient|mailbox|user|address)",
				"invalid (?:recipient|mailbox|e-?mail address|address)",
				"recipient address rejected: (?:user unknown|unknown user|invalid (?:user|recipient|mailbox)|undeliverable|"
						+ "user .{0,60}(?:does not exist|not found)|access denied|no such user|mailbox not found)",
				"recipientnotfound", "recipnotfound", "recipient name is not recognized",
				"not listed in (?:the )?(?:domino directory|public name|.{0,40}directory|.{0,40}address book)",
				"no (?:account|mailbox) (?:by that name|here)", "no mailbox", "mailbox not available",
				"mailbox unavailable", "mailbox (?:is )?not present", "doesn't have an? \\S+ account",
				"is not a known user", "bad destination mailbox",
				"no longer (?:valid|active|in use|exists|accepts mail)", "not our customer", "undeliverable address",
				"no valid recipients", "recipient (?:is )?not (?:local|accepted)", "not a local address",
				"no one at this address", "email account that you tried to reach does not exist",
				"(?:アドレス|ユーザー?|アカウント|宛先|受信者|メールボックス|あて先)[^。\\n]{0,12}" + "(?:存在しません|見つかりません|存在しない|不明|ありません|正しくありません)",
				"存在しない(?:メール)?(?:アドレス|ユーザ)", "宛先不明"));
		IN_ORDER.put(BounceReason.EXPIRED,
				words("retry time(?:out)? (?:not reached|exceeded)", "retry timeout", "delivery time expired",
						"time expired", "message expired", "expired after", "has expired", "gave up", "giving up",
						"been queued too long", "queued for too long", "too long in (?:the )?queue",
						"could not be delivered (?:within|for|after) \\d+", "not (?:been )?delivered within",
						"in the queue too long", "queue too long", "unable to deliver in \\d+",
						"(?:no|without) success for \\d+", "配送(?:を)?(?:断念|中止)",
						"(?:期限|時間)(?:内に)?[^。\\n]{0,8}(?:配送|配信|送信)できません"));
		IN_ORDER.put(BounceReason.CONTENT,
				words("blacklisted url", "url (?:is )?(?:blacklisted|listed|blocked)", "uribl", "surbl",
						"spam(?!haus|cop|rats|-?trap| ?block| ?list)", "virus", "malware", "phish", "unsolicited",
						"content (?:rejected|filter|policy)", "message content", "bulk mail", "junk", "suspicious",
						"dangerous", "malicious", "ウイルス", "迷惑メールと判定", "スパム"));
		IN_ORDER.put(BounceReason.BLOCKED, words("black ?list", "block ?list", "blocklisted", "blacklisted",
				"listed (?:on|in|at|by) ", "spamhaus", "spamcop", "sorbs", "barracuda", "\\brbl\\b", "dnsbl",
				"\\bs3150\\b", "client host (?:\\S+ )?(?:rejected|blocked)", "blocked (?:using|by|because|for)",
				"(?:ip|host|client|connection|server)(?: address)?(?: \\S+)? (?:is |has been |was )?(?:rejected|blocked|refused|denied|banned)",
				"access denied", "reverse dns", "\\brdns\\b", "\\bptr\\b", "cannot find your (?:host ?name|reverse)",
				"reverse (?:lookup|hostname)", "reputation", "banned", "your ip",
				"ip (?:address )?(?:\\S+ )?(?:is |has been |was )?(?:blocked|listed|blacklisted|rejected|refused)",
				"not allowed to send", "拒否リスト", "ブラックリスト"));
		IN_ORDER.put(BounceReason.SYSTEM_ERROR,
				words("loop", "too many hops", "hop count", "local configuration", "configuration error",
						"system (?:error|failure|not available|busy)", "internal (?:server )?error",
						"server (?:error|busy|failure)", "connection (?:refused|timed out|reset|closed|lost|failed)",
						"timed? ?out", "lost connection", "unable to connect", "could not connect", "no route to host",
						"network (?:error|unreachable)", "resources (?:temporarily )?unavailable",
						"system (?:is )?full", "mail system full", "local error", "processing error",
						"サーバ(?:ー)?[^。\\n]{0,6}(?:エラー|障害|異常)", "システム(?:エラー|障害)"));
	}

	private BounceWords() {
	}

	private static Pattern words(String... alternatives) {
		return Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

}
