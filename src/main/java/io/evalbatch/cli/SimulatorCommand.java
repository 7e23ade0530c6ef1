package io.evalbatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import io.evalbatch.error.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "simulator",
        description = {"Print a module that makes a simulator of a function, for the command filter.",
                "With --python: evalbatch_simulator.py, standard library only. Save it next to your code, write "
                        + "'def score(request) -> dict' returning {\"passed\": ..., \"fields\": {...}}, and end the "
                        + "file with 'evalbatch_simulator.run(score)'. An exception in score() becomes that "
                        + "sample's error; the module's docstring says the rest. jobs/walk-simulation.yaml is an "
                        + "example."},
        footerHeading = "%nExamples:%n",
        footer = {"  evalbatch simulator --python > evalbatch_simulator.py"})
final class SimulatorCommand implements Callable<Integer> {

    static final String PYTHON_MODULE = "io/evalbatch/filter/command/evalbatch_simulator.py";

    @Spec
    CommandSpec spec;

    @Option(names = "--python", required = true, description = "The Python module (the only one so far).")
    boolean python;

    @Override
    public Integer call() throws IOException {
        try (InputStream module = SimulatorCommand.class.getClassLoader().getResourceAsStream(PYTHON_MODULE)) {
            if (module == null) {
                throw new ParameterException(spec.commandLine(), "the Python module is missing from this build");
            }
            spec.commandLine().getOut().print(new String(module.readAllBytes(), StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }
}
