package jp.renraku;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout the modules keep (README, "Modules"): each module's dependencies are the
 * ones its {@code package-info.java} allows (Spring Modulith), only {@code common} is
 * open, and a module's public types are its API — so repositories, their rows and
 * controllers are not public, and the delivery module shows one management type, its
 * ports and value types. Keeps the module diagram in {@code docs/modules} true.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(RenrakuApplication.class);

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("jp.renraku");

	@Test
	void eachModuleDependsOnlyOnWhatItsPackageInfoAllows() {
		MODULES.verify();
	}

	@Test
	void onlyCommonIsOpen() {
		assertThat(MODULES.stream().filter(ApplicationModule::isOpen).map(ApplicationModule::getName))
			.containsExactly("common");
	}

	@Test
	void repositoriesAndTheRowsTheyReadAreNotPublic() {
		classes().that()
			.areAnnotatedWith(Repository.class)
			.should()
			.notBePublic()
			.because("a repository is its module's own; other modules call its Management API")
			.check(MAIN);
		classes().that()
			.areNestedClasses()
			.and(enclosedByRepository())
			.should()
			.notBePublic()
			.because("the rows a repository reads are its module's own")
			.check(MAIN);
	}

	@Test
	void controllersAreNotPublic() {
		classes().that()
			.areAnnotatedWith(Controller.class)
			.or()
			.areAnnotatedWith(RestController.class)
			.should()
			.notBePublic()
			.check(MAIN);
	}

	@Test
	void deliveryShowsItsTwoFacadesItsPortsAndValueTypes() {
		classes().that()
			.resideInAPackage("jp.renraku.delivery")
			.and()
			.arePublic()
			.and()
			.areTopLevelClasses()
			.should(beManagementPortOrValue())
			.because("other modules reach the outbox and the engine through DeliveryManagement only, and what the "
					+ "tokens in a recipient's mail name through DeliveryLinks only")
			.check(MAIN);
	}

	/**
	 * The module diagrams in {@code docs/modules} are the ones the code gives: written
	 * afresh into {@code target}, compared line by line (the Documenter's order of lines
	 * varies between runs), and when they differ, copied to {@code docs/modules} and the
	 * test fails, so that the new diagram is committed with the change.
	 */
	@Test
	void theCommittedModuleDiagramIsTheCodes() throws IOException {
		Path fresh = Path.of("target", "module-diagrams");
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(fresh.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
		Path committed = Path.of("docs", "modules");
		Files.createDirectories(committed);
		List<String> changed = new ArrayList<>();
		try (Stream<Path> files = Files.list(fresh)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".puml")).sorted().toList()) {
				Path old = committed.resolve(file.getFileName());
				if (!Files.exists(old) || !sortedLines(old).equals(sortedLines(file))) {
					Files.copy(file, old, StandardCopyOption.REPLACE_EXISTING);
					changed.add(file.getFileName().toString());
				}
			}
		}
		assertThat(changed).as("module diagrams written anew into docs/modules: commit them").isEmpty();
	}

	private static List<String> sortedLines(Path file) throws IOException {
		return Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty()).sorted().toList();
	}

	private static DescribedPredicate<JavaClass> enclosedByRepository() {
		return DescribedPredicate.describe("enclosed by a repository",
				c -> c.getEnclosingClass().map(e -> e.isAnnotatedWith(Repository.class)).orElse(false));
	}

	private static ArchCondition<JavaClass> beManagementPortOrValue() {
		return new ArchCondition<>(
				"be DeliveryManagement, DeliveryLinks, a port (interface), a value (record or enum) or the "
						+ "placeholders a sender may write") {
			@Override
			public void check(JavaClass type, ConditionEvents events) {
				boolean allowed = type.getSimpleName().equals("DeliveryManagement")
						|| type.getSimpleName().equals("DeliveryLinks") || type.isInterface() || type.isRecord()
						|| type.isEnum() || type.getSimpleName().equals("Placeholders")
								&& type.getModifiers().contains(JavaModifier.FINAL);
				events.add(new SimpleConditionEvent(type, allowed,
						type.getName() + (allowed ? " is " : " is not ") + "part of the delivery API"));
			}
		};
	}

}
