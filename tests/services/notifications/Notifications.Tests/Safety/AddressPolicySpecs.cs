using System.Net;
using Notifications.Safety;

namespace Notifications.Tests.Safety;

public sealed class AddressPolicySpecs
{
    [Theory]
    [InlineData("127.0.0.1", AddressClass.Loopback)]
    [InlineData("127.8.9.10", AddressClass.Loopback)]
    [InlineData("::1", AddressClass.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressClass.Loopback)]
    [InlineData("10.0.0.8", AddressClass.Private)]
    [InlineData("172.16.0.1", AddressClass.Private)]
    [InlineData("172.31.255.255", AddressClass.Private)]
    [InlineData("192.168.1.1", AddressClass.Private)]
    [InlineData("fd12:3456::1", AddressClass.Private)]
    [InlineData("fc00::1", AddressClass.Private)]
    [InlineData("169.254.10.20", AddressClass.LinkLocal)]
    [InlineData("fe80::1", AddressClass.LinkLocal)]
    [InlineData("100.64.0.1", AddressClass.SharedAddressSpace)]
    [InlineData("100.127.255.254", AddressClass.SharedAddressSpace)]
    [InlineData("169.254.169.254", AddressClass.Metadata)]
    [InlineData("fd00:ec2::254", AddressClass.Metadata)]
    [InlineData("::ffff:169.254.169.254", AddressClass.Metadata)]
    [InlineData("0.0.0.0", AddressClass.Unspecified)]
    [InlineData("::", AddressClass.Unspecified)]
    [InlineData("224.0.0.1", AddressClass.Multicast)]
    [InlineData("ff02::1", AddressClass.Multicast)]
    [InlineData("255.255.255.255", AddressClass.Reserved)]
    [InlineData("64:ff9b::a00:1", AddressClass.Private)]
    [InlineData("2002:7f00:1::", AddressClass.Loopback)]
    public void Addresses_webhooks_may_not_reach_are_classified_by_why(string address, AddressClass expected) =>
        AddressPolicy.Classify(IPAddress.Parse(address)).ShouldBe(expected);

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    public void Public_addresses_are_allowed(string address)
    {
        AddressPolicy.Classify(IPAddress.Parse(address)).ShouldBe(AddressClass.Public);
        AddressPolicy.Allows(IPAddress.Parse(address), allowLoopback: false).ShouldBeTrue();
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.0.0.8", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("0.0.0.0", false)]
    public void Allowing_loopback_for_development_allows_loopback_and_nothing_else(string address, bool allowed)
    {
        AddressPolicy.Allows(IPAddress.Parse(address), allowLoopback: true).ShouldBe(allowed);
        AddressPolicy.Allows(IPAddress.Parse(address), allowLoopback: false).ShouldBeFalse();
    }
}
