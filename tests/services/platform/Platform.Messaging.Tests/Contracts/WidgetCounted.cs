namespace Platform.Messaging.Tests.Contracts;

/// <summary>The stand-in service's public contract: what it publishes when a widget is counted.</summary>
public sealed record WidgetCounted(Guid WidgetId, int Count, DateTimeOffset CountedAt);
