using System.Text.Json.Nodes;
using Platform.ServiceDefaults.Access;
using Yarp.ReverseProxy;

namespace Gateway;

/// <summary>
/// One OpenAPI document for the whole platform at <c>/docs/openapi.json</c> (and Swagger UI at
/// <c>/docs</c>): each service's own document (<c>/openapi/v1.json</c>) fetched from its cluster
/// and merged: paths, component schemas, and the client credentials security scheme.
/// If a service's document cannot be read, the answer is 502: a partial API description would
/// hide operations from the people and the BOLA test that rely on it.
/// </summary>
public static class MergedOpenApi
{
    public const string Path = "/docs/openapi.json";

    public static void MapMergedOpenApi(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, MergeAsync).ExcludeFromDescription().AllowPublicAccess();

    public static void UsePlatformSwaggerUi(this WebApplication app) =>
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs";
            options.DocumentTitle = "Platform API";
            options.SwaggerEndpoint(Path, "Platform API");
        });

    private static async Task<IResult> MergeAsync(IProxyStateLookup proxy, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        var http = clients.CreateClient(nameof(MergedOpenApi));
        foreach (var cluster in proxy.GetClusters().OrderBy(cluster => cluster.ClusterId, StringComparer.Ordinal))
        {
            var address = cluster.Destinations.Values.Select(destination => destination.Model.Config.Address).FirstOrDefault();
            JsonNode? document;
            try
            {
                document = JsonNode.Parse(await http.GetStringAsync(new Uri(new Uri(address!), "openapi/v1.json"), cancellationToken));
            }
            catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException or UriFormatException or ArgumentNullException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "A service's API description is unavailable.",
                    detail: $"The {cluster.ClusterId} service did not serve its OpenAPI document.");
            }
            Copy(document?["paths"]?.AsObject(), paths);
            Copy(document?["components"]?["schemas"]?.AsObject(), schemas);
        }
        return TypedResults.Text(new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject { ["title"] = "Platform API", ["version"] = "v1" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas, ["securitySchemes"] = SecuritySchemes() },
            ["security"] = new JsonArray(new JsonObject { ["oauth2"] = new JsonArray() }),
        }.ToJsonString(), "application/json");
    }

    // The first service to define a name keeps it; the shared ones (problem details) are identical anyway.
    private static void Copy(JsonObject? from, JsonObject into)
    {
        foreach (var (name, value) in from ?? [])
        {
            if (!into.ContainsKey(name))
            {
                into[name] = value?.DeepClone();
            }
        }
    }

    private static JsonObject SecuritySchemes()
    {
        var scopes = new JsonObject();
        foreach (var scope in Scopes.All)
        {
            scopes[scope] = $"Calls the {scope} API";
        }
        return new JsonObject
        {
            ["oauth2"] = new JsonObject
            {
                ["type"] = "oauth2",
                ["flows"] = new JsonObject { ["clientCredentials"] = new JsonObject { ["tokenUrl"] = "/connect/token", ["scopes"] = scopes } },
            },
        };
    }
}
