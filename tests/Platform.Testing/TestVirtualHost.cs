using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Testing;

/// <summary>A fresh RabbitMQ virtual host on the test broker, deleted (queues, exchanges and all) on dispose.</summary>
public sealed class TestVirtualHost : IAsyncDisposable
{
    // Lazy, so a missing variable surfaces as TestServers' own message rather than a type initializer error.
    private static readonly Lazy<HttpClient> LazyManagement = new(CreateManagementClient);

    private static HttpClient Management => LazyManagement.Value;

    private TestVirtualHost(string name) => Name = name;

    public string Name { get; }

    /// <summary><c>amqp://user:password@host:port/vhost</c>, the shape of <c>ConnectionStrings:RabbitMQ</c>.</summary>
    public string AmqpUri => new UriBuilder(TestServers.RabbitMqAmqp)
    {
        UserName = Uri.EscapeDataString(TestServers.RabbitMqUser),
        Password = Uri.EscapeDataString(TestServers.RabbitMqPassword),
        Path = "/" + Uri.EscapeDataString(Name),
    }.Uri.AbsoluteUri;

    public static async Task<TestVirtualHost> CreateAsync(string purpose)
    {
        var name = UniqueName.For(purpose);
        var vhost = Uri.EscapeDataString(name);
        (await Management.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        var permissions = new { configure = ".*", write = ".*", read = ".*" };
        (await Management.PutAsJsonAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(TestServers.RabbitMqUser)}", permissions))
            .EnsureSuccessStatusCode();
        return new TestVirtualHost(name);
    }

    /// <summary>The broker's operating-system process id, from its management API (benchmarks read its CPU time).</summary>
    public static async Task<int> BrokerProcessIdAsync()
    {
        using var nodes = JsonDocument.Parse(await Management.GetStringAsync("api/nodes"));
        return nodes.RootElement[0].GetProperty("os_pid").GetString() is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : 0;
    }

    public async ValueTask DisposeAsync() =>
        await Management.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(Name)}");

    private static HttpClient CreateManagementClient()
    {
        var client = new HttpClient { BaseAddress = TestServers.RabbitMqManagement };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestServers.RabbitMqUser}:{TestServers.RabbitMqPassword}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return client;
    }
}
