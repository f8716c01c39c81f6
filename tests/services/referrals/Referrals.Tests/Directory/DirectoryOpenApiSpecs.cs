namespace Referrals.Tests.Directory;

/// <summary>The directory's operations in the service's OpenAPI document, each with its access policy, as the gateway merges them.</summary>
public sealed class DirectoryOpenApiSpecs(DirectoryFactory service) : IClassFixture<DirectoryFactory>
{
    [Fact]
    public async Task Every_directory_operation_is_published_with_its_access_policy()
    {
        var client = await service.ClientAsync(Guid.CreateVersion7());
        var (document, _) = await client.ReadAsync("/openapi/v1.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(path => path.Name.StartsWith("/api/referrals/directory", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Name: $"{operation.Name.ToUpperInvariant()} {path.Name}", Operation: operation.Value)))
            .ToList();
        operations.Select(operation => operation.Name).Order().ShouldBe(
        [
            "GET /api/referrals/directory/hsds/services",
            "GET /api/referrals/directory/hsds/services/{id}",
            "GET /api/referrals/directory/locations",
            "GET /api/referrals/directory/organizations/{organizationId}",
            "GET /api/referrals/directory/services",
            "GET /api/referrals/directory/services/{serviceId}",
            "GET /api/referrals/directory/taxonomy",
            "POST /api/referrals/directory/locations",
            "POST /api/referrals/directory/services",
            "PUT /api/referrals/directory/locations/{locationId}",
            "PUT /api/referrals/directory/organization",
            "PUT /api/referrals/directory/services/{serviceId}",
        ]);
        operations.Where(operation => !operation.Operation.TryGetProperty("x-platform-access", out var _)).ShouldBeEmpty();
        operations.Single(operation => operation.Name == "GET /api/referrals/directory/hsds/services/{id}").Operation
            .GetProperty("x-platform-access").GetProperty("kind").GetString().ShouldBe("published-resource");
    }
}
