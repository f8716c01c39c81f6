using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Intake.Contracts;
using Notifications.Tests.Fixtures;

namespace Notifications.Tests.Safety;

/// <summary>
/// DNS rebinding, as in production (https only, nothing on loopback): a name that resolved to a public
/// address at registration and resolves to a refused one at send time is never connected to. The check
/// is made on the addresses the socket then connects to, so no second resolution can slip past it.
/// </summary>
public sealed class DnsRebindingSpecs(StrictNotificationsFactory service) : IClassFixture<StrictNotificationsFactory>
{
    private static readonly IPAddress PublicAddress = IPAddress.Parse("93.184.215.14");

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.20.30.40")]
    [InlineData("169.254.169.254")]
    public async Task A_name_that_turns_to_a_refused_address_after_registration_is_not_called_and_the_attempt_says_why(string rebound)
    {
        await service.ReadyAsync();
        // Where a call to loopback would land if the check were skipped: it must never see a connection.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var host = $"rebind-{Guid.NewGuid():N}.partner.test";
        service.Names[host] = [PublicAddress];
        var organization = Guid.NewGuid();
        var (endpoint, _) = await service.RegisterAsync(organization, new Uri($"https://{host}:{port}/hooks"), "intake.report-withdrawn.v1");

        service.Names[host] = [IPAddress.Parse(rebound)];
        await service.Publisher.PublishAsync(new ReportWithdrawn(Guid.NewGuid(), organization, DateTimeOffset.UtcNow));
        var log = await service.WaitForDeliveryLogAsync(organization, endpoint, deliveries => deliveries[0].GetProperty("attemptLog").GetArrayLength() >= 2);

        var delivery = log.ShouldHaveSingleItem();
        delivery.GetProperty("status").GetString().ShouldBe("pending");
        var attempts = delivery.GetProperty("attemptLog").EnumerateArray().ToList();
        attempts.Count.ShouldBeGreaterThanOrEqualTo(2);
        attempts.ShouldAllBe(attempt => attempt.GetProperty("outcome").GetString() == "refused-address"
            && attempt.GetProperty("statusCode").ValueKind == JsonValueKind.Null);
        listener.Pending().ShouldBeFalse("a connection reached the rebound address");
    }
}
