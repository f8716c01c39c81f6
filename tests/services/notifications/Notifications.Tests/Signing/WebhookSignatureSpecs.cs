using System.Text;
using Notifications.Signing;

namespace Notifications.Tests.Signing;

public sealed class WebhookSignatureSpecs
{
    // The Standard Webhooks specification's published example: a receiver's stock library must accept what we send.
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private static readonly byte[] SpecBody = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void Signing_the_specifications_test_vector_gives_its_published_signature() =>
        WebhookSignature.Sign(SpecSecret, SpecId, SpecTimestamp, SpecBody).ShouldBe(SpecSignature);

    [Fact]
    public void Every_active_secret_signs_and_the_signatures_are_space_separated()
    {
        var other = WebhookSecret.New();

        var header = WebhookSignature.SignAll([other, SpecSecret], SpecId, SpecTimestamp, SpecBody);

        header.Split(' ').ShouldBe([WebhookSignature.Sign(other, SpecId, SpecTimestamp, SpecBody), SpecSignature]);
    }

    [Fact]
    public void A_receiver_holding_either_secret_during_a_rotation_verifies()
    {
        var header = WebhookSignature.SignAll([WebhookSecret.New(), SpecSecret], SpecId, SpecTimestamp, SpecBody);
        var sent = DateTimeOffset.FromUnixTimeSeconds(SpecTimestamp);

        WebhookSignature.Verify(SpecSecret, SpecId, SpecTimestamp.ToString(), header, SpecBody, sent, TimeSpan.FromMinutes(5)).ShouldBeTrue();
    }

    [Fact]
    public void A_changed_body_an_old_timestamp_or_another_secret_does_not_verify()
    {
        var sent = DateTimeOffset.FromUnixTimeSeconds(SpecTimestamp);
        var tolerance = TimeSpan.FromMinutes(5);

        WebhookSignature.Verify(SpecSecret, SpecId, SpecTimestamp.ToString(), SpecSignature, Encoding.UTF8.GetBytes("{\"test\": 1}"), sent, tolerance).ShouldBeFalse();
        WebhookSignature.Verify(SpecSecret, SpecId, SpecTimestamp.ToString(), SpecSignature, SpecBody, sent.AddMinutes(6), tolerance).ShouldBeFalse();
        WebhookSignature.Verify(WebhookSecret.New(), SpecId, SpecTimestamp.ToString(), SpecSignature, SpecBody, sent, tolerance).ShouldBeFalse();
    }

    [Fact]
    public void New_secrets_are_whsec_prefixed_base64_of_32_random_bytes()
    {
        var secret = WebhookSecret.New();

        secret.ShouldStartWith("whsec_");
        WebhookSecret.Decode(secret).Length.ShouldBe(32);
        WebhookSecret.New().ShouldNotBe(secret);
    }
}
