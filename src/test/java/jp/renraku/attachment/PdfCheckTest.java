package jp.renraku.attachment;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PdfCheckTest {

	@Test
	void aPlainPdfPasses() {
		assertThat(PdfCheck.refusal(TestFiles.pdf())).isEmpty();
	}

	@Test
	void javaScriptThatRunsOnOpeningIsRefused() {
		byte[] pdf = TestFiles.pdf(
				document -> document.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('hello');")));
		// saved with compressed object streams: the script is not in the file as text
		assertThat(TestFiles.contains(pdf, "app.alert")).isFalse();
		assertThat(PdfCheck.refusal(pdf)).contains("attachment.error.pdfActive");
	}

	@Test
	void aScriptBehindALinkIsRefused() {
		byte[] pdf = withLink(new PDActionJavaScript("this.print();"));
		assertThat(PdfCheck.refusal(pdf)).contains("attachment.error.pdfActive");
	}

	@Test
	void aLaunchActionIsRefused() {
		PDActionLaunch launch = new PDActionLaunch();
		launch.getCOSObject().setString(COSName.F, "cmd.exe");
		byte[] pdf = withLink(launch);
		assertThat(PdfCheck.refusal(pdf)).contains("attachment.error.pdfActive");
	}

	@Test
	void anXfaFormAndAJavascriptLinkAreRefused() {
		byte[] xfa = TestFiles.pdf(document -> {
			var form = new PDAcroForm(document);
			form.getCOSObject().setString(COSName.getPDFName("XFA"), "<xdp><script>app.alert(1)</script></xdp>");
			document.getDocumentCatalog().setAcroForm(form);
		});
		assertThat(PdfCheck.refusal(xfa)).contains("attachment.error.pdfActive");
		byte[] uri = withLink(uri(" JavaScript:alert(1)"));
		assertThat(PdfCheck.refusal(uri)).contains("attachment.error.pdfActive");
		byte[] web = withLink(uri("https://www.city.example.jp/"));
		assertThat(PdfCheck.refusal(web)).as("an ordinary link stays").isEmpty();
	}

	@Test
	void anEmbeddedFileIsRefused() {
		byte[] pdf = TestFiles.pdf(document -> {
			PDEmbeddedFile embedded = new PDEmbeddedFile(document,
					new ByteArrayInputStream("MZ not really".getBytes(StandardCharsets.US_ASCII)));
			PDComplexFileSpecification spec = new PDComplexFileSpecification();
			spec.setFile("setup.exe");
			spec.setEmbeddedFile(embedded);
			PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
			tree.setNames(Map.of("setup.exe", spec));
			PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
			names.setEmbeddedFiles(tree);
			document.getDocumentCatalog().setNames(names);
		});
		assertThat(PdfCheck.refusal(pdf)).contains("attachment.error.pdfActive");
	}

	@Test
	void aPdfThatNeedsAPasswordIsRefusedAsUncheckable() {
		byte[] pdf = TestFiles.pdf(document -> {
			StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
			policy.setEncryptionKeyLength(128);
			document.protect(policy);
		});
		assertThat(PdfCheck.refusal(pdf)).contains("attachment.error.pdfLocked");
	}

	@Test
	void bytesThatOnlyStartLikeAPdfAreRefusedAsBroken() {
		for (String broken : List.of("%PDF-1.4\nnothing else", "%PDF-1.7\n" + "x".repeat(5000))) {
			assertThat(PdfCheck.refusal(broken.getBytes(StandardCharsets.US_ASCII))).as(broken.substring(0, 8))
				.contains("attachment.error.pdfBroken");
		}
	}

	/** A PDF whose page has one link that does this. */
	private static byte[] withLink(PDAction action) {
		return TestFiles.pdf(document -> {
			PDAnnotationLink link = new PDAnnotationLink();
			link.setAction(action);
			document.getPage(0).getAnnotations().add(link);
		});
	}

	private static PDActionURI uri(String address) {
		PDActionURI action = new PDActionURI();
		action.setURI(address);
		return action;
	}

}
