using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// Each service's OpenAPI document (<c>/openapi/v1.json</c>, merged by the gateway) publishes every
/// operation's access policy as <c>x-platform-access</c>: the BOLA matrix test enumerates the
/// merged document and checks every operation against what it declares.
/// </summary>
internal static class AccessOpenApi
{
    public const string DocumentPath = "/openapi/{documentName}.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static void AddPlatformOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<AccessPolicy>().LastOrDefault() is { } policy)
            {
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[AccessPolicy.OpenApiExtension] =
                    new JsonNodeExtension(JsonSerializer.SerializeToNode(policy, Json) ?? new JsonObject());
            }
            return Task.CompletedTask;
        }));

    public static void MapPlatformOpenApi(this IEndpointRouteBuilder app) =>
        app.MapOpenApi(DocumentPath).AllowPublicAccess();
}
