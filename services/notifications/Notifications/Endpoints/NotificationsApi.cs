using Notifications.Endpoints.Deleting;
using Notifications.Endpoints.Pausing;
using Notifications.Endpoints.Reading;
using Notifications.Endpoints.Registering;
using Notifications.Endpoints.RotatingSecrets;
using Notifications.Polling;
using Notifications.Replaying;
using Platform.ServiceDefaults.Access;

namespace Notifications.Endpoints;

/// <summary>The route table: webhook endpoints of the caller's organization, their delivery log and replays, and the feed.</summary>
public static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var endpoints = app.MapGroup("/api/notifications/endpoints").WithTags("Webhook endpoints");
        endpoints.MapPost("", RegisterEndpoint.HandleAsync).WithName("RegisterWebhookEndpoint").RequireCaller(Scopes.Notifications);
        endpoints.MapGet("", ReadEndpoints.ListAsync).WithName("ListWebhookEndpoints").RequireCaller(Scopes.Notifications);
        endpoints.MapGet("/{endpointId:guid}", ReadEndpoints.GetAsync).WithName("GetWebhookEndpoint").Owned();
        endpoints.MapDelete("/{endpointId:guid}", DeleteEndpoint.HandleAsync).WithName("DeleteWebhookEndpoint").Owned();
        endpoints.MapPost("/{endpointId:guid}/pause", PauseEndpoint.PauseAsync).WithName("PauseWebhookEndpoint").Owned();
        endpoints.MapPost("/{endpointId:guid}/resume", PauseEndpoint.ResumeAsync).WithName("ResumeWebhookEndpoint").Owned();
        endpoints.MapPost("/{endpointId:guid}/secrets", RotateSecret.HandleAsync).WithName("RotateWebhookSecret").Owned();
        endpoints.MapGet("/{endpointId:guid}/deliveries", ReadEndpoints.DeliveriesAsync).WithName("ListWebhookDeliveries").Owned();
        endpoints.MapPost("/{endpointId:guid}/replay", Replay.HandleAsync).WithName("ReplayWebhookDeliveries").Owned();

        app.MapGet("/api/notifications/feed", ReadFeed.HandleAsync).WithTags("Feed").WithName("ReadNotificationFeed")
            .RequireCaller(Scopes.Notifications);
    }

    // Another organization's endpoint is a 404, exactly like one that does not exist.
    private static RouteHandlerBuilder Owned(this RouteHandlerBuilder builder) =>
        builder.RequireOrganizationAccess(EndpointOwners.Type, "endpointId", Scopes.Notifications);
}
