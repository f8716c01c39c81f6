using System.Buffers.Text;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.ServiceDefaults.Access;

namespace Referrals.Directory.Services;

/// <summary>A page of services; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record ServicePage(IReadOnlyList<ServiceView> Items, string? NextCursor);

/// <summary>What partners search by: validated once, shared by the platform's search and HSDS's listing.</summary>
public sealed record ServiceFilter(string? TaxonomyCode, string? Language, string? Text, Guid? OrganizationId)
{
    /// <summary>
    /// Active services only. Text is matched against the service's and its organization's names and
    /// descriptions, never against locations: a confidential address must not be found by guessing it.
    /// </summary>
    public const string Sql = """
        s.status = 'active'
        and (@taxonomyCode::text is null or s.taxonomy_codes @> array[@taxonomyCode::text])
        and (@language::text is null or exists (select 1 from unnest(s.languages) tag
            where lower(tag) = lower(@language) or lower(tag) like lower(@language) || '-%'))
        and (@text::text is null or strpos(lower(s.name || ' ' || coalesce(s.description, '') || ' ' || o.name || ' ' || coalesce(o.profile->>'description', '')), lower(@text)) > 0)
        and (@organizationId::uuid is null or s.organization_id = @organizationId)
        """;

    public static ServiceFilter From(FieldErrors errors, string? taxonomy, string? language, string? text, string? organization)
    {
        if (taxonomy is not null && Taxonomy.Find(taxonomy) is null)
        {
            errors.AddUnprocessable("taxonomy", $"Not a term of the directory's taxonomy: use one of {string.Join(", ", Taxonomy.Codes)}.");
        }
        var tag = language is null ? null : LanguageTags.Canonical(language);
        if (language is not null && tag is null)
        {
            errors.Add("language", "A BCP 47 language tag such as en or es-MX.");
        }
        Guid? organizationId = null;
        if (organization is not null)
        {
            if (Guid.TryParse(organization, out var id))
            {
                organizationId = id;
            }
            else
            {
                errors.Add("organization", "An organization id (a UUID).");
            }
        }
        return new(taxonomy, tag, errors.Text("q", text, 200), organizationId);
    }
}

/// <summary>
/// <c>GET /api/referrals/directory/services?taxonomy=&amp;language=&amp;q=&amp;organization=&amp;limit=&amp;cursor=</c>:
/// any partner finds active services, oldest first, a page at a time (keyset on the service id,
/// which grows with time, so pages never skip or repeat a service while others are published).
/// </summary>
public static class SearchingServices
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static async Task<Results<Ok<ServicePage>, ProblemHttpResult>> SearchAsync(
        HttpContext http, NpgsqlDataSource database, CancellationToken cancellationToken,
        string? taxonomy = null, string? language = null, string? q = null, string? organization = null, string? limit = null, string? cursor = null)
    {
        var errors = new FieldErrors();
        var filter = ServiceFilter.From(errors, taxonomy, language, q, organization);
        var pageSize = Limit(errors, limit);
        var after = Cursor(errors, cursor);
        if (errors.Any)
        {
            return DirectoryProblems.Invalid(errors);
        }

        List<Guid> ids;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            ids = [.. await connection.QueryAsync<Guid>(new CommandDefinition($"""
                select s.service_id from directory_services s join directory_organizations o on o.organization_id = s.organization_id
                where {ServiceFilter.Sql} and (@after::uuid is null or s.service_id > @after)
                order by s.service_id
                limit @take
                """, new { filter.TaxonomyCode, filter.Language, filter.Text, filter.OrganizationId, after, take = pageSize + 1 },
                cancellationToken: cancellationToken))];
        }
        var more = ids.Count > pageSize;
        var page = more ? ids[..pageSize] : ids;
        var viewer = Guid.Parse(http.GetCaller().OrganizationId);
        var services = await DirectoryReads.ServicesAsync(database, page, cancellationToken);
        return TypedResults.Ok(new ServicePage([.. services.Select(service => ServiceView.For(service, viewer))], more ? EncodeCursor(page[^1]) : null));
    }

    private static int Limit(FieldErrors errors, string? value)
    {
        if (value is null)
        {
            return DefaultLimit;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit)
        {
            return limit;
        }
        errors.Add("limit", $"A whole number from 1 to {MaxLimit}.");
        return DefaultLimit;
    }

    private static string EncodeCursor(Guid last) => Base64Url.EncodeToString(last.ToByteArray(bigEndian: true));

    private static Guid? Cursor(FieldErrors errors, string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            if (bytes.Length == 16)
            {
                return new Guid(bytes, bigEndian: true);
            }
        }
        catch (FormatException)
        {
        }
        errors.Add("cursor", "Not a cursor this API gave out: pass nextCursor from the previous page as it is.");
        return null;
    }
}
