package dev.modelservice.cli;

import dev.modelservice.cli.admin.AdminContext;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs model-admin in process as one admin would from a shell: with its own config folder,
 * environment variables and the lines typed at its prompts.
 */
final class AdminCli {
    private final Path configHome;
    private final Map<String, String> environment = new HashMap<>();

    /** The exit status and the text written to stdout and stderr. */
    record Outcome(int exitStatus, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        /** Returns the rows of a table on stdout, below its header and rule, split into cells. */
        List<List<String>> tableRows() {
            // Cells contain no double spaces, so two or more spaces separate columns.
            return out.lines().skip(2).map(line -> List.of(line.split(" {2,}"))).toList();
        }

        /** Returns the row of a table on stdout whose first cell is {@code first}. */
        List<String> tableRow(String first) {
            return tableRows().stream().filter(row -> row.get(0).equals(first)).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + first + " in:\n" + out));
        }

        /** Returns everything the command wrote, for failure messages. */
        String all() {
            return "exit " + exitStatus + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    AdminCli(Path configHome) {
        this.configHome = configHome;
        environment.put("XDG_CONFIG_HOME", configHome.toString());
    }

    AdminCli set(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    AdminCli unset(String variable) {
        environment.remove(variable);
        return this;
    }

    /** Logs in to the service with its first admin token, and fails the test when that fails. */
    AdminCli loggedIn(RunningService.Service service) {
        Outcome outcome = set("MODEL_ADMIN_TOKEN", service.adminToken()).run("login", service.adminUri().toString());
        unset("MODEL_ADMIN_TOKEN");
        if (outcome.exitStatus() != 0) {
            throw new AssertionError("login failed: " + outcome.all());
        }
        return this;
    }

    Path configFile() {
        return configHome.resolve("model-admin/config.json");
    }

    Outcome run(String... args) {
        return runWithInput("", args);
    }

    /** Runs the command with {@code input} as what the admin types at its prompts. */
    Outcome runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AdminContext context = AdminContext.of(environment, new StringReader(input), false);
        int status = ModelAdmin.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), context);
        return new Outcome(status, out.toString(), err.toString());
    }
}
