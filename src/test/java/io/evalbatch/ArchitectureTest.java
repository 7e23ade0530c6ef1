package io.evalbatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package structure the code keeps: features that depend on each other one way only, and the
 * steps of a run standing on {@code step} (the ground), never on {@code run} (which starts,
 * restarts and watches runs, and assembles the steps into a job).
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.evalbatch");

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("io.evalbatch.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theStepsDoNotReachUpIntoTheRun() {
        noClasses().that().resideInAnyPackage("io.evalbatch.ingest..", "io.evalbatch.calibrate..",
                        "io.evalbatch.cache..", "io.evalbatch.simulate..", "io.evalbatch.distribute..",
                        "io.evalbatch.metrics..", "io.evalbatch.tally..", "io.evalbatch.step..", "io.evalbatch.retry..", "io.evalbatch.check..",
                        "io.evalbatch.filter..", "io.evalbatch.store..", "io.evalbatch.definition..")
                .should().dependOnClassesThat().resideInAPackage("io.evalbatch.run..")
                .check(MAIN);
    }
}
