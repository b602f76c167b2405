/** {@code model-admin}, the admin command line of the Model Service. */
module dev.modelservice.cli {
    requires dev.modelservice.assertions;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    // picocli fills the command objects by reflection.
    opens dev.modelservice.cli to info.picocli;
    opens dev.modelservice.cli.admin to info.picocli;
}
