package dev.modelservice.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code model-service-bench summary}: Markdown tables over the JSON reports of a matrix of runs. */
@Command(name = "summary", mixinStandardHelpOptions = true, versionProvider = BenchCommand.Version.class,
        description = "Prints Markdown tables over JSON reports of 'run --json', one report per service"
                + " configuration (database, HSM path, signing connections), as scripts/bench-matrix writes them.")
final class SummaryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The JSON reports.")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(MatrixSummary.markdown(MatrixSummary.read(files)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
