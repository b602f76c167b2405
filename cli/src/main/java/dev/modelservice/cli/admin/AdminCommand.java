package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Base of the admin commands: their output streams, their context and the saved login. */
abstract class AdminCommand implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;

    @CommandLine.Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    AdminContext context() {
        return AdminContext.of(spec);
    }

    AdminSession session() {
        return AdminSession.open(context(), err());
    }

    /** Returns {@code given}, or prompts for it when it is null. An empty reply or the end of input fails. */
    String askIfMissing(String given, String prompt, String option) {
        if (given != null) {
            return given;
        }
        String reply = context().ask(out(), prompt);
        if (reply == null || reply.isEmpty()) {
            throw new CommandFailedException("no reply to '" + prompt.strip() + "': give it with " + option);
        }
        return reply;
    }

    /** Prints the records, a JSON array, in the chosen format. */
    int print(JsonNode records, FormatOption format, List<Column> columns) {
        out().print(RecordFormatter.format(format.format, records, columns));
        return EXIT_OK;
    }
}
