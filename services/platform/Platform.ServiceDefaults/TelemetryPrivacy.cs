using System.Diagnostics;
using OpenTelemetry;

namespace Platform.ServiceDefaults;

/// <summary>
/// Strips from every span, before any exporter sees it, what could identify a caller or a
/// resource: network addresses and user agents (an anonymous reporter's above all: a trace links
/// the gateway's span to intake's), and concrete paths and queries, which hold report keys and ids.
/// A path is kept as its route template.
/// </summary>
internal sealed class TelemetryPrivacy : BaseProcessor<Activity>
{
    private static readonly string[] Identifying =
    [
        "client.address", "client.port", "network.peer.address", "network.peer.port", "user_agent.original",
        "http.client_ip", "net.peer.ip", "net.peer.port", "http.user_agent", "url.full", "url.query", "http.url", "http.target",
    ];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in Identifying)
        {
            if (data.GetTagItem(tag) is not null)
            {
                data.SetTag(tag, null);
            }
        }
        if (data.GetTagItem("url.path") is not null)
        {
            data.SetTag("url.path", data.GetTagItem("http.route"));
        }
    }
}
