using Platform.ServiceDefaults;

namespace Identity.Organizations;

public static class OrganizationsSchema
{
    public static IHostApplicationBuilder AddOrganizationsSchema(this IHostApplicationBuilder builder) =>
        builder.AddSchemaMigration("identity-0001-organizations", """
            create table organizations (
                id uuid primary key,
                name text not null unique,
                kind text not null,
                created_at timestamptz not null)
            """);
}
