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

    Path configFile() {
        return configHome.resolve("model-admin/config.json");
    }

    Outcome run(String... args) {
        return runWithInput("", args);
    }

    /** Runs the command with {@code input} as what the admin types at its questions. */
    Outcome runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AdminContext context = AdminContext.of(environment, new StringReader(input), false);
        int status = ModelAdmin.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), context);
        return new Outcome(status, out.toString(), err.toString());
    }
}
