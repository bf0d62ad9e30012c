package jp.renraku.attachment;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * What a PDF may not carry into a resident's phone: JavaScript (also in XFA forms and
 * {@code javascript:} links), embedded or attached files, launch actions and rich media.
 * Read by Apache PDFBox, which also opens compressed object streams, every object of the
 * file is looked at (not only those the catalogue reaches), so that a script hidden in an
 * unreferenced or compressed object is found too. A PDF that cannot be read, or opens
 * only with a password, is refused: it cannot be checked, and a resident could not open
 * it either.
 */
final class PdfCheck {

	/** Dictionary keys that only active content or embedded files use. */
	private static final Set<COSName> KEYS = Set.of(COSName.JS, COSName.JAVA_SCRIPT, COSName.EMBEDDED_FILES, COSName.EF,
			COSName.getPDFName("RichMedia"), COSName.getPDFName("RichMediaContent"), COSName.getPDFName("XFA"));

	/** Action kinds ({@code /S}) and types that run or open something. */
	private static final Set<COSName> KINDS = Set.of(COSName.JAVA_SCRIPT, COSName.getPDFName("Launch"),
			COSName.EMBEDDED_FILE, COSName.getPDFName("FileAttachment"), COSName.getPDFName("RichMedia"),
			COSName.getPDFName("ImportData"));

	private static final int MAX_DEPTH = 64;

	private PdfCheck() {
	}

	/** Why the PDF is refused, as a message key; empty when it may be sent. */
	static Optional<String> refusal(byte[] pdf) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			COSDocument cos = document.getDocument();
			for (COSObjectKey key : Set.copyOf(cos.getXrefTable().keySet())) {
				COSObject object = cos.getObjectFromPool(key);
				if (active(object.getObject(), 0)) {
					return Optional.of("attachment.error.pdfActive");
				}
			}
			if (active(document.getDocumentCatalog().getCOSObject(), 0) || active(cos.getTrailer(), 0)) {
				return Optional.of("attachment.error.pdfActive");
			}
			if (document.getNumberOfPages() == 0) {
				return Optional.of("attachment.error.pdfBroken");
			}
			return Optional.empty();
		}
		catch (InvalidPasswordException ex) {
			return Optional.of("attachment.error.pdfLocked");
		}
		catch (IOException | RuntimeException ex) {
			return Optional.of("attachment.error.pdfBroken");
		}
	}

	/**
	 * Whether an object, or a dictionary or array written inside it, is active content.
	 * References are not followed: each referenced object is looked at on its own.
	 */
	private static boolean active(COSBase base, int depth) {
		if (depth > MAX_DEPTH) {
			return true;
		}
		if (base instanceof COSDictionary dictionary) {
			for (COSName key : dictionary.keySet()) {
				if (KEYS.contains(key)) {
					return true;
				}
				COSBase value = dictionary.getItem(key);
				if ((key.equals(COSName.S) || key.equals(COSName.TYPE) || key.equals(COSName.SUBTYPE))
						&& value instanceof COSName kind && KINDS.contains(kind)) {
					return true;
				}
				if (key.equals(COSName.URI) && value instanceof COSString uri
						&& uri.getString().strip().toLowerCase(Locale.ROOT).startsWith("javascript:")) {
					return true;
				}
				if (!(value instanceof COSObject) && value != null && active(value, depth + 1)) {
					return true;
				}
			}
		}
		else if (base instanceof COSArray array) {
			for (int i = 0; i < array.size(); i++) {
				COSBase value = array.get(i);
				if (!(value instanceof COSObject) && value != null && active(value, depth + 1)) {
					return true;
				}
			}
		}
		return false;
	}

}
