package dev.modelservice.cli.admin;

import dev.modelservice.cli.http.ServiceHttp;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Model.CommandSpec;

/**
 * What the admin commands take from the process around them: environment variables, the
 * console for prompts, and whether a person watches the output. Tests give their own.
 */
public final class AdminContext {
    static final String TOKEN_VARIABLE = "MODEL_ADMIN_TOKEN";
    static final String BRAND_VARIABLE = "BRAND_ACCOUNT_ID";

    private final Map<String, String> environment;
    private final Console console;
    private final BufferedReader input;
    private final boolean terminal;

    private AdminContext(Map<String, String> environment, Console console, BufferedReader input, boolean terminal) {
        this.environment = Map.copyOf(environment);
        this.console = console;
        this.input = input;
        this.terminal = terminal;
    }

    /** The root command, which hands its context to the admin commands below it. */
    public interface Source {
        AdminContext adminContext();
    }

    /** Returns the context of this process: its environment, its console and standard input. */
    public static AdminContext system() {
        Console console = System.console();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        return new AdminContext(System.getenv(), console, stdin, console != null);
    }

    /**
     * Returns a context with the given environment variables, replies to prompts read from
     * {@code input}, and progress shown as on a terminal when {@code terminal} is true.
     */
    public static AdminContext of(Map<String, String> environment, Reader input, boolean terminal) {
        return new AdminContext(environment, null, new BufferedReader(input), terminal);
    }

    /** Returns the context that the root command of {@code spec} hands down. */
    public static AdminContext of(CommandSpec spec) {
        if (spec.root().userObject() instanceof Source source) {
            return source.adminContext();
        }
        throw new IllegalStateException("admin commands run below a root command that implements AdminContext.Source");
    }

    /** Returns the variable's value, or null when it is unset or blank. */
    String variable(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Returns the file that {@value ServiceHttp#CA_FILE_VARIABLE} names: CA certificates to
     * trust for https URLs instead of Java's default ones.
     */
    public Optional<Path> caFileVariable() {
        return Optional.ofNullable(variable(ServiceHttp.CA_FILE_VARIABLE)).map(Path::of);
    }

    /** True when a person is likely to watch the output, so that progress may redraw a line. */
    boolean terminal() {
        return terminal;
    }

    /** Returns the config file's place: XDG_CONFIG_HOME/model-admin, else HOME/.config/model-admin. */
    AdminConfigFile configFile() {
        // The XDG base directory specification says to ignore a relative XDG_CONFIG_HOME.
        String xdgConfigHome = variable("XDG_CONFIG_HOME");
        Path configHome;
        if (xdgConfigHome != null && Path.of(xdgConfigHome).isAbsolute()) {
            configHome = Path.of(xdgConfigHome);
        } else {
            String home = variable("HOME");
            configHome = Path.of(home != null ? home : System.getProperty("user.home"), ".config");
        }
        return new AdminConfigFile(configHome.resolve("model-admin"));
    }

    /**
     * Shows {@code prompt} and returns the line the admin typed, stripped, or null at the end
     * of the input.
     */
    String ask(PrintWriter out, String prompt) {
        if (console != null) {
            String line = console.readLine("%s", prompt);
            return line == null ? null : line.strip();
        }
        out.print(prompt);
        out.flush();
        try {
            String line = input.readLine();
            return line == null ? null : line.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reply from standard input", e);
        }
    }

    @Override
    public String toString() {
        return "AdminContext[console=" + (console != null) + ", terminal=" + terminal + "]";
    }
}
