using System.Net;

namespace Gateway.Tests;

public sealed class ClientAddressesSpecs
{
    [Theory]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::1", "::/64")]
    public void An_ipv6_client_is_counted_by_its_64_network(string address, string key) =>
        ClientAddresses.RateLimitKey(IPAddress.Parse(address)).ShouldBe(key);

    [Fact]
    public void Addresses_of_one_64_share_a_count_and_neighbouring_networks_do_not()
    {
        var rotating = Enumerable.Range(1, 50).Select(host => ClientAddresses.RateLimitKey(IPAddress.Parse($"2001:db8:1:2::{host:x}"))).Distinct();

        rotating.ShouldHaveSingleItem();
        ClientAddresses.RateLimitKey(IPAddress.Parse("2001:db8:1:3::1")).ShouldNotBe(rotating.Single());
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    public void An_ipv4_client_is_counted_by_its_address_however_it_arrives(string address, string key) =>
        ClientAddresses.RateLimitKey(IPAddress.Parse(address)).ShouldBe(key);

    [Fact]
    public void A_request_without_an_address_shares_one_count() =>
        ClientAddresses.RateLimitKey(null).ShouldBe("unknown");
}
