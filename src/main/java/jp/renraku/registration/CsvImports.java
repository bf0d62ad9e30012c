package jp.renraku.registration;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import jp.renraku.audit.AuditAction;
import jp.renraku.audit.AuditTrail;
import jp.renraku.common.InstallationSecret;
import jp.renraku.common.Staff;
import jp.renraku.common.TableStatistics;
import org.springframework.stereotype.Component;

/**
 * CSV import into a list of the operations manager's body (Art. 10): a preview that
 * stores nothing, then the valid rows as registered. Reached through
 * {@link RegistrationManagement}, which holds the transactions.
 */
@Component
class CsvImports {

	private final ListAdministration lists;

	private final Registrants registrants;

	private final RegistrantImport imports;

	private final AddressHashes hashes;

	private final AuditTrail audit;

	private final Clock clock;

	private final TableStatistics statistics;

	CsvImports(ListAdministration lists, Registrants registrants, RegistrantImport imports, AddressHashes hashes,
			AuditTrail audit, Clock clock, TableStatistics statistics) {
		this.statistics = statistics;
		this.lists = lists;
		this.registrants = registrants;
		this.imports = imports;
		this.hashes = hashes;
		this.audit = audit;
		this.clock = clock;
	}

	RegistrantImport.Preview preview(Staff staff, long listId, Path file, Charset charset) {
		RegistrationList list = lists.list(staff, listId);
		return imports.preview(list, file, charset, registrants.emailHashes(list.id()),
				email -> hashes.of(list.id(), email));
	}

	/**
	 * Imports the valid rows of a previewed file as registered (their consent was given
	 * before); returns how many.
	 */
	long importRows(Staff staff, long listId, Path file, Charset charset) {
		RegistrationList list = lists.list(staff, listId);
		Instant now = clock.instant();
		long[] imported = { 0 };
		imports.validRows(list, file, charset, registrants.emailHashes(list.id()), email -> hashes.of(list.id(), email),
				row -> {
					registrants.insert(list, row.email(), hashes.of(list.id(), row.email()), row.details(),
							RegistrantState.ACTIVE, InstallationSecret.randomToken(12), now);
					imported[0]++;
				});
		audit.record(AuditAction.REGISTRANTS_IMPORTED, list.bodyId(), "list:" + listId, "rows:" + imported[0]);
		statistics.changed("registrant", imported[0]);
		return imported[0];
	}

}
