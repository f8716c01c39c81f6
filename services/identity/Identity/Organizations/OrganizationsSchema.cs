using Platform.ServiceDefaults;

namespace Identity.Organizations;

public static class OrganizationsSchema
{
    public static IHostApplicationBuilder AddOrganizationsSchema(this IHostApplicationBuilder builder) =>
        builder
            .AddSchemaMigration("identity-0001-organizations", """
                create table organizations (
                    id uuid primary key,
                    name text not null unique,
                    kind text not null,
                    created_at timestamptz not null)
                """)
            .AddSchemaMigration("identity-0002-clients", """
                create table clients (
                    client_id text primary key,
                    organization_id uuid not null references organizations (id),
                    name text not null,
                    scopes text[] not null,
                    roles text[] not null,
                    created_at timestamptz not null);
                create index clients_organization on clients (organization_id);

                -- Several secrets per client may be active at once, so a partner rotates without downtime.
                create table client_secrets (
                    id uuid primary key,
                    client_id text not null references clients (client_id),
                    hash bytea not null,
                    created_at timestamptz not null,
                    revoked_at timestamptz);
                create index client_secrets_client on client_secrets (client_id);

                -- The recorded grant behind an auditor's read access to another organization's resources.
                create table auditor_assignments (
                    auditor_organization_id uuid not null references organizations (id),
                    organization_id uuid not null references organizations (id),
                    assigned_at timestamptz not null,
                    primary key (auditor_organization_id, organization_id));
                """);
}
