using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Platform.ServiceDefaults.Access;
using Referrals.Directory.Services;

namespace Referrals.Directory.Hsds;

/// <summary>
/// The two endpoints HSDS 3.0's API requires, under <c>/api/referrals/directory/hsds</c>:
/// <c>GET /services</c> (a Page of service_list entries; <c>search</c>, <c>taxonomy_term_id</c>,
/// <c>taxonomy_id</c>, <c>organization_id</c>, <c>page</c>, <c>per_page</c>) and <c>GET /services/{id}</c>
/// (one fully nested service). Postcode and proximity searches are not offered: they would be
/// searches by location, and a confidential location must not be found by narrowing in on it.
/// </summary>
public static class HsdsEndpoints
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 200;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<Results<JsonHttpResult<HsdsPage<HsdsServiceSummary>>, ProblemHttpResult>> ListAsync(
        HttpContext http, NpgsqlDataSource database, CancellationToken cancellationToken,
        string? search = null, [FromQuery(Name = "taxonomy_term_id")] string? taxonomyTermId = null,
        [FromQuery(Name = "taxonomy_id")] string? taxonomyId = null, [FromQuery(Name = "organization_id")] string? organizationId = null,
        string? page = null, [FromQuery(Name = "per_page")] string? perPage = null)
    {
        var errors = new FieldErrors();
        string? code = null;
        if (taxonomyTermId is not null)
        {
            code = Guid.TryParse(taxonomyTermId, out var termId) ? Taxonomy.Find(termId)?.Code : null;
            if (code is null)
            {
                errors.AddUnprocessable("taxonomy_term_id", "Not a term of the directory's taxonomy: see GET /api/referrals/directory/taxonomy for the ids.");
            }
        }
        if (taxonomyId is not null && !(Guid.TryParse(taxonomyId, out var taxonomy) && taxonomy == Taxonomy.Id))
        {
            errors.AddUnprocessable("taxonomy_id", $"The directory has one taxonomy, {Taxonomy.Id}.");
        }
        var filter = ServiceFilter.From(errors, null, null, search, organizationId);
        var pageNumber = Whole(errors, "page", page, 1, int.MaxValue, 1);
        var size = Whole(errors, "per_page", perPage, 1, MaxPerPage, DefaultPerPage);
        if (errors.Any)
        {
            return DirectoryProblems.Invalid(errors);
        }

        int total;
        List<Guid> ids;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            var parameters = new
            {
                taxonomyCode = code,
                language = (string?)null,
                text = filter.Text,
                organizationId = filter.OrganizationId,
                skip = (long)(pageNumber - 1) * size,
                take = size,
            };
            total = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"""
                select count(*) from directory_services s join directory_organizations o on o.organization_id = s.organization_id
                where {ServiceFilter.Sql}
                """, parameters, cancellationToken: cancellationToken));
            ids = [.. await connection.QueryAsync<Guid>(new CommandDefinition($"""
                select s.service_id from directory_services s join directory_organizations o on o.organization_id = s.organization_id
                where {ServiceFilter.Sql}
                order by s.service_id offset @skip limit @take
                """, parameters, cancellationToken: cancellationToken))];
        }
        var contents = (await DirectoryReads.ServicesAsync(database, ids, cancellationToken)).Select(HsdsMapping.Summary).ToList();
        var totalPages = (int)Math.Ceiling(total / (double)size);
        return TypedResults.Json(new HsdsPage<HsdsServiceSummary>(
            total, totalPages, pageNumber, contents.Count, pageNumber == 1, pageNumber >= totalPages, contents.Count == 0, contents), Json);
    }

    public static async Task<Results<JsonHttpResult<HsdsService>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        if (await DirectoryReads.ServiceAsync(database, id, cancellationToken) is not { } service)
        {
            return DirectoryProblems.NotFound($"There is no service '{id}' this client can see.");
        }
        return TypedResults.Json(HsdsMapping.Service(service, Guid.Parse(http.GetCaller().OrganizationId)), Json);
    }

    private static int Whole(FieldErrors errors, string name, string? value, int minimum, int maximum, int fallback)
    {
        if (value is null)
        {
            return fallback;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum)
        {
            return number;
        }
        errors.Add(name, $"A whole number from {minimum} to {maximum}.");
        return fallback;
    }
}
