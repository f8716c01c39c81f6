using Platform.ServiceDefaults;

namespace Identity.SigningKeys;

public static class SigningKeysSchema
{
    public static IHostApplicationBuilder AddSigningKeysSchema(this IHostApplicationBuilder builder) =>
        builder.AddSchemaMigration("identity-0003-signing-keys", """
            -- A key signs from created_at until signs_until, and stays in the JWKS until published_until,
            -- which is after the last token it signed has expired.
            create table signing_keys (
                kid text primary key,
                algorithm text not null,
                public_key bytea not null,
                wrapped_private_key bytea not null,
                created_at timestamptz not null,
                signs_until timestamptz not null,
                published_until timestamptz not null);
            """);
}
