using Platform.ServiceDefaults;

namespace Referrals.Directory;

/// <summary>
/// The service directory's tables. Entries are plain rows with a version each, not event streams:
/// they are what an organization says about itself to its partners, not case data, hold nothing
/// personal to encrypt or erase, and are read as they are now (searches by taxonomy and language).
/// Their history is still kept: every change writes its full new document to
/// <c>directory_changes</c> in the same transaction, with who made it and when.
/// What is searched lives in columns; the rest of each entry is its validated document (jsonb).
/// </summary>
public static class DirectorySchema
{
    public static IHostApplicationBuilder AddDirectorySchema(this IHostApplicationBuilder builder) =>
        builder.AddSchemaMigration("referrals-0001-directory", """
            -- An organization's directory profile (Profiles/): published before its services are.
            create table directory_organizations (
                organization_id uuid primary key,
                name text not null,
                profile jsonb not null,
                version bigint not null,
                updated_at timestamptz not null);

            -- Where an organization works. The address of a confidential one (a shelter's) is shown to
            -- nobody but the organization: no search reads these details (Locations/LocationView.cs).
            create table directory_locations (
                location_id uuid primary key,
                organization_id uuid not null,
                confidential boolean not null,
                details jsonb not null,
                version bigint not null,
                updated_at timestamptz not null);
            create index directory_locations_organization on directory_locations (organization_id, location_id);

            create table directory_services (
                service_id uuid primary key,
                organization_id uuid not null references directory_organizations (organization_id),
                name text not null,
                description text,
                status text not null check (status in ('active', 'inactive')),
                taxonomy_codes text[] not null,
                languages text[] not null,
                details jsonb not null,
                version bigint not null,
                updated_at timestamptz not null);
            create index directory_services_organization on directory_services (organization_id, service_id);
            create index directory_services_taxonomy on directory_services using gin (taxonomy_codes);

            -- HSDS service_at_location: a service offered at one of its own organization's locations.
            create table directory_service_locations (
                id uuid primary key,
                service_id uuid not null references directory_services (service_id),
                location_id uuid not null references directory_locations (location_id),
                position integer not null,
                unique (service_id, location_id));
            create index directory_service_locations_location on directory_service_locations (location_id);

            -- Every change to the directory, as the full document it left behind: who, when, what.
            create table directory_changes (
                position bigint generated always as identity primary key,
                organization_id uuid not null,
                entity text not null,
                entity_id uuid not null,
                version bigint not null,
                document jsonb not null,
                changed_at timestamptz not null,
                client_id text not null,
                on_behalf_of text);
            create index directory_changes_entity on directory_changes (entity_id, version);
            """);
}
