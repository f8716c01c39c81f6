using System.Text.Json.Nodes;
using Platform.EventStore.Privacy;
using Platform.EventStore.Types;

namespace Platform.EventStore.Tests;

public sealed record ThingHappened(Guid ThingId, int Number);

public sealed record ThingRenamed(Guid ThingId, string Name, string RenamedBy);

public sealed record ThingClosed(Guid ThingId, string Reason);

/// <summary>A report about a person: three personal fields, sealed with the person's own key.</summary>
public sealed record PersonReported(
    Guid ReportId,
    [property: DataSubject] Guid PersonId,
    [property: PersonalData] string Name,
    [property: PersonalData] string Phone,
    [property: PersonalData] string Narrative,
    string Setting);

/// <summary>Not registered: appending it must fail before anything is stored.</summary>
public sealed record UnregisteredThing(Guid ThingId);

public static class TestEvents
{
    /// <summary>
    /// v1 of thing-renamed stored <c>title</c>; v2 called it <c>name</c>; v3 (current) added <c>renamedBy</c>.
    /// Old events are upcast step by step on read.
    /// </summary>
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<ThingHappened>("tests.thing-happened.v1")
        .Register<ThingRenamed>("tests.thing-renamed.v3")
        .Register<ThingClosed>("tests.thing-closed.v1")
        .Register<PersonReported>("tests.person-reported.v1")
        .Upcast("tests.thing-renamed.v1", "tests.thing-renamed.v2", v1 => new JsonObject
        {
            ["thingId"] = v1["thingId"]?.DeepClone(),
            ["name"] = v1["title"]?.DeepClone(),
        })
        .Upcast("tests.thing-renamed.v2", "tests.thing-renamed.v3", v2 =>
        {
            v2["renamedBy"] = "unknown (recorded before v3)";
            return v2;
        });

    public static EventMetadata Metadata(string correlationId = "test-correlation") =>
        EventMetadata.For(new Actor("test-client", "org-1", "staff-7"), correlationId, DateTimeOffset.UtcNow);
}
