package dev.modelservice.server.admin;

import dev.modelservice.server.device.SerialFormat;
import dev.modelservice.store.BrandAccount;
import dev.modelservice.store.Model;
import dev.modelservice.store.ModelSettings;
import dev.modelservice.store.NewModel;
import dev.modelservice.store.SerialPolicy;
import dev.modelservice.store.SigningKey;
import dev.modelservice.store.SigningLogEntry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/** Models with their API keys and settings, and each model's serial policy revisions. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public final class ModelsResource {
    /** API keys travel in device requests, so they are printable ASCII without spaces. */
    private static final Pattern API_KEY = Pattern.compile("[\\x21-\\x7e]+");
    private static final int API_KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AdminContext context;

    @Inject
    ModelsResource(AdminContext context) {
        this.context = context;
    }

    @GET
    public List<Views.Model> list(@QueryParam("brand") String brand) {
        BrandAccount account = context.brand(brand);
        return context.store().models().list(account.accountId()).stream().map(this::view).toList();
    }

    @GET
    @Path("{name}")
    public Views.Model get(@PathParam("name") String name, @QueryParam("brand") String brand) {
        return view(find(context.brand(brand), name));
    }

    /** Records a model; without an API key the service generates one of 256 random bits. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Requests.CreateModel body, @Context SecurityContext security) {
        Requests.CreateModel request = Inputs.body(body, "\"name\" and optionally \"brand\", \"api-key\","
                + " \"assigns-serials\", \"allows-serial-revisions\" and \"serial-format\"");
        BrandAccount brand = context.brand(request.brand());
        String name = Inputs.modelName(request.name());
        String apiKey = request.apiKey() == null ? randomApiKey() : apiKey(request.apiKey());
        ModelSettings settings = new ModelSettings(Boolean.TRUE.equals(request.assignsSerials()),
                Boolean.TRUE.equals(request.allowsSerialRevisions()), serialFormat(request.serialFormat()));

        Model model = context.store().inTransaction(records -> {
            Model created = records.models().create(new NewModel(brand.accountId(), name, apiKey, settings));
            records.auditLog().append(BearerTokenFilter.tokenName(security), "create-model", subject(created),
                    describe(settings));
            return created;
        });
        return Response.status(Response.Status.CREATED).entity(view(model)).build();
    }

    /** Changes the settings given in the body; a setting left out keeps its value. */
    @PUT
    @Path("{name}/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Views.Model updateSettings(@PathParam("name") String name, @QueryParam("brand") String brand,
            Requests.ModelSettings body, @Context SecurityContext security) {
        Requests.ModelSettings request = Inputs.body(body, "\"assigns-serials\", \"allows-serial-revisions\""
                + " or \"serial-format\"");
        BrandAccount account = context.brand(brand);

        Model updated = context.store().inTransaction(records -> {
            Model model = records.models().find(account.accountId(), name).orElseThrow(() -> notFound(account, name));
            ModelSettings settings = new ModelSettings(
                    request.assignsSerials() != null ? request.assignsSerials() : model.settings().assignsSerials(),
                    request.allowsSerialRevisions() != null
                            ? request.allowsSerialRevisions() : model.settings().allowsSerialRevisions(),
                    request.serialFormat() != null
                            ? serialFormat(request.serialFormat()) : model.settings().serialFormat());
            Model changed = records.models().updateSettings(account.accountId(), name, settings);
            records.auditLog().append(BearerTokenFilter.tokenName(security), "update-model-settings", subject(changed),
                    describe(settings));
            return changed;
        });
        return view(updated);
    }

    /** Deletes the model and its serial policies; its signing log stays. */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @QueryParam("brand") String brand,
            @Context SecurityContext security) {
        BrandAccount account = context.brand(brand);
        boolean deleted = context.store().inTransaction(records -> {
            if (!records.models().delete(account.accountId(), name)) {
                return false;
            }
            records.auditLog().append(BearerTokenFilter.tokenName(security), "delete-model",
                    account.accountId() + "/" + name, null);
            return true;
        });
        if (!deleted) {
            throw notFound(account, name);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("{name}/serial-policies")
    public List<Views.SerialPolicy> listSerialPolicies(@PathParam("name") String name,
            @QueryParam("brand") String brand) {
        BrandAccount account = context.brand(brand);
        find(account, name);
        List<Views.SerialPolicy> newestFirst = new ArrayList<>();
        for (SerialPolicy policy : context.store().serialPolicies().list(account.accountId(), name)) {
            newestFirst.add(0, policyView(policy));
        }
        return newestFirst;
    }

    /** Creates the model's next serial policy revision, which makes {@code key} sign its serials from now on. */
    @POST
    @Path("{name}/serial-policies")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createSerialPolicy(@PathParam("name") String name, @QueryParam("brand") String brand,
            Requests.CreateSerialPolicy body, @Context SecurityContext security) {
        String keyReference = Inputs.required(Inputs.body(body, "\"key\"").key(), "key");
        BrandAccount account = context.brand(brand);
        Model model = find(account, name);
        SigningKey key = context.signingKey(keyReference);
        if (!key.brandAccountId().equals(account.accountId())) {
            throw ApiException.badRequest("signing key '" + key.name() + "' belongs to brand '" + key.brandAccountId()
                    + "', not to brand '" + account.accountId() + "' of model '" + name
                    + "'; choose a key of the model's brand");
        }

        SerialPolicy policy = context.store().inTransaction(records -> {
            SerialPolicy created = records.serialPolicies().create(account.accountId(), model.name(), key.keyId());
            records.auditLog().append(BearerTokenFilter.tokenName(security), "create-serial-policy", subject(model),
                    "revision=" + created.revision() + ", key=" + key.name() + ", sha3-384=" + key.keyId());
            return created;
        });
        return Response.status(Response.Status.CREATED).entity(policyView(policy)).build();
    }

    private Model find(BrandAccount brand, String name) {
        return context.store().models().find(brand.accountId(), name).orElseThrow(() -> notFound(brand, name));
    }

    private static ApiException notFound(BrandAccount brand, String name) {
        return ApiException.notFound("model '" + name + "' not found for brand '" + brand.accountId()
                + "': create it with 'model-admin create model " + name + "'");
    }

    private Views.Model view(Model model) {
        Views.ActivePolicy active = context.store().serialPolicies().findActive(model.brandAccountId(), model.name())
                .map(policy -> new Views.ActivePolicy(policy.revision(), policy.signingKey().name(),
                        policy.signingKey().keyId()))
                .orElse(null);
        return new Views.Model(model.brandAccountId(), model.name(), model.apiKey(),
                model.settings().assignsSerials(), model.settings().allowsSerialRevisions(),
                effectiveSerialFormat(model.settings()), Inputs.format(model.createdAt()), active);
    }

    private static Views.SerialPolicy policyView(SerialPolicy policy) {
        return new Views.SerialPolicy(policy.revision(), policy.signingKey().name(), policy.signingKey().keyId(),
                Inputs.format(policy.createdAt()));
    }

    private static String apiKey(String value) {
        if (value.length() > Model.MAX_API_KEY_LENGTH || !API_KEY.matcher(value).matches()) {
            throw ApiException.badRequest("api-key is invalid: use 1 to " + Model.MAX_API_KEY_LENGTH + " printable"
                    + " ASCII characters without spaces, or leave it out to have one generated");
        }
        return value;
    }

    private static String randomApiKey() {
        byte[] bytes = new byte[API_KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Names a model in the audit log; never its API key, which is a secret. */
    private static String subject(Model model) {
        return model.brandAccountId() + "/" + model.name();
    }

    private static String describe(ModelSettings settings) {
        return "assigns-serials=" + settings.assignsSerials() + ", allows-serial-revisions="
                + settings.allowsSerialRevisions() + ", serial-format=" + effectiveSerialFormat(settings);
    }

    private static String effectiveSerialFormat(ModelSettings settings) {
        return settings.serialFormat() != null ? settings.serialFormat() : SerialFormat.UUID_ONLY.template();
    }

    /** Checks a serial format; null and the empty text mean the default, a random UUID. */
    private static String serialFormat(String template) {
        if (template == null || template.isEmpty()) {
            return null;
        }
        if (template.length() > ModelSettings.MAX_SERIAL_FORMAT_LENGTH) {
            throw ApiException.badRequest("serial-format is " + template.length() + " characters long; the maximum is "
                    + ModelSettings.MAX_SERIAL_FORMAT_LENGTH);
        }
        SerialFormat format;
        try {
            format = SerialFormat.parse(template);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (format.maxLength() > SigningLogEntry.MAX_SERIAL_LENGTH) {
            throw ApiException.badRequest("serial format '" + template + "' yields serials of up to "
                    + format.maxLength() + " characters; the maximum is " + SigningLogEntry.MAX_SERIAL_LENGTH);
        }
        return template;
    }
}
