using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Platform.EventStore.Privacy;

namespace Platform.EventStore.Tests.Privacy;

public sealed class MasterKeyRingSpecs
{
    private static readonly byte[] K1 = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] K2 = RandomNumberGenerator.GetBytes(32);

    private static MasterKeyRing Ring(string current) => new(current, new Dictionary<string, byte[]> { ["k1"] = K1, ["k2"] = K2 });

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("EventStore:MasterKeys");

    [Fact]
    public void A_wrapped_data_key_unwraps_to_itself()
    {
        var ring = Ring("k1");
        var key = MasterKeyRing.NewDataKey("subject-1");

        var wrapped = ring.Wrap(key.KeyId, key.SubjectId, key.Key);

        wrapped.Length.ShouldBe(MasterKeyRing.WrappedSize);
        wrapped.AsSpan().IndexOf(key.Key).ShouldBe(-1);
        ring.Unwrap("k1", key.KeyId, key.SubjectId, wrapped).ShouldBe(key.Key);
    }

    [Fact]
    public void After_rotation_old_keys_still_unwrap_and_new_ones_are_wrapped_with_the_current_key()
    {
        var key = MasterKeyRing.NewDataKey("subject-1");
        var wrappedWithK1 = Ring("k1").Wrap(key.KeyId, key.SubjectId, key.Key);

        var rotated = Ring("k2");
        var wrappedWithK2 = rotated.Wrap(key.KeyId, key.SubjectId, key.Key);

        rotated.CurrentKeyId.ShouldBe("k2");
        rotated.Unwrap("k1", key.KeyId, key.SubjectId, wrappedWithK1).ShouldBe(key.Key);
        rotated.Unwrap("k2", key.KeyId, key.SubjectId, wrappedWithK2).ShouldBe(key.Key);
        Should.Throw<MasterKeyException>(() => rotated.Unwrap("k1", key.KeyId, key.SubjectId, wrappedWithK2));
    }

    [Fact]
    public void A_wrapped_key_does_not_unwrap_for_another_subject_or_key_id()
    {
        var ring = Ring("k1");
        var key = MasterKeyRing.NewDataKey("subject-1");
        var wrapped = ring.Wrap(key.KeyId, key.SubjectId, key.Key);

        Should.Throw<MasterKeyException>(() => ring.Unwrap("k1", key.KeyId, "subject-2", wrapped));
        Should.Throw<MasterKeyException>(() => ring.Unwrap("k1", Guid.CreateVersion7(), key.SubjectId, wrapped));
    }

    [Fact]
    public void Unwrapping_with_an_unknown_master_key_or_altered_bytes_fails_clearly()
    {
        var ring = Ring("k1");
        var key = MasterKeyRing.NewDataKey("subject-1");
        var wrapped = ring.Wrap(key.KeyId, key.SubjectId, key.Key);

        Should.Throw<MasterKeyException>(() => ring.Unwrap("k9", key.KeyId, key.SubjectId, wrapped)).Message.ShouldContain("'k9'");
        wrapped[20] ^= 1;
        Should.Throw<MasterKeyException>(() => ring.Unwrap("k1", key.KeyId, key.SubjectId, wrapped));
        Should.Throw<MasterKeyException>(() => ring.Unwrap("k1", key.KeyId, key.SubjectId, wrapped.AsSpan(1)));
    }

    [Fact]
    public void The_ring_refuses_a_current_key_it_does_not_have_and_keys_of_the_wrong_length()
    {
        Should.Throw<MasterKeyException>(() => new MasterKeyRing("k3", new Dictionary<string, byte[]> { ["k1"] = K1 }));
        Should.Throw<MasterKeyException>(() => new MasterKeyRing("k1", new Dictionary<string, byte[]> { ["k1"] = new byte[16] }));
        Should.Throw<MasterKeyException>(() => new MasterKeyRing("", new Dictionary<string, byte[]> { ["k1"] = K1 }));
    }

    [Fact]
    public void Configuration_gives_a_ring_with_every_key()
    {
        var ring = MasterKeyRing.FromConfiguration(Section(new()
        {
            ["EventStore:MasterKeys:Current"] = "k2",
            ["EventStore:MasterKeys:Keys:k1"] = Convert.ToBase64String(K1),
            ["EventStore:MasterKeys:Keys:k2"] = Convert.ToBase64String(K2),
        }));
        var key = MasterKeyRing.NewDataKey("subject-1");

        ring.CurrentKeyId.ShouldBe("k2");
        ring.Unwrap("k1", key.KeyId, key.SubjectId, Ring("k1").Wrap(key.KeyId, key.SubjectId, key.Key)).ShouldBe(key.Key);
    }

    [Fact]
    public void Configuration_without_a_current_key_fails_naming_the_setting()
    {
        Should.Throw<MasterKeyException>(() => MasterKeyRing.FromConfiguration(Section(new()
        {
            ["EventStore:MasterKeys:Keys:k1"] = Convert.ToBase64String(K1),
        }))).Message.ShouldContain("EventStore:MasterKeys:Current");
        Should.Throw<MasterKeyException>(() => MasterKeyRing.FromConfiguration(Section(new()
        {
            ["EventStore:MasterKeys:Current"] = "k2",
            ["EventStore:MasterKeys:Keys:k1"] = Convert.ToBase64String(K1),
        }))).Message.ShouldContain("'k2'");
        Should.Throw<MasterKeyException>(() => MasterKeyRing.FromConfiguration(Section(new()
        {
            ["EventStore:MasterKeys:Current"] = "k1",
        })));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(0)]
    public void Configuration_with_a_key_of_the_wrong_length_fails_without_echoing_it(int length)
    {
        var material = Convert.ToBase64String(RandomNumberGenerator.GetBytes(length));

        var thrown = Should.Throw<MasterKeyException>(() => MasterKeyRing.FromConfiguration(Section(new()
        {
            ["EventStore:MasterKeys:Current"] = "k1",
            ["EventStore:MasterKeys:Keys:k1"] = material,
        })));

        thrown.Message.ShouldContain("EventStore:MasterKeys:Keys:k1");
        if (material.Length > 0)
        {
            thrown.Message.ShouldNotContain(material);
        }
    }

    [Fact]
    public void Configuration_with_a_key_that_is_not_base64_fails_without_echoing_it()
    {
        Should.Throw<MasterKeyException>(() => MasterKeyRing.FromConfiguration(Section(new()
        {
            ["EventStore:MasterKeys:Current"] = "k1",
            ["EventStore:MasterKeys:Keys:k1"] = "not base64 secret!",
        }))).Message.ShouldNotContain("secret");
    }

    [Fact]
    public void A_new_data_key_is_32_random_bytes_under_a_time_ordered_id()
    {
        var first = MasterKeyRing.NewDataKey("subject-1");
        var second = MasterKeyRing.NewDataKey("subject-1");

        first.Key.Length.ShouldBe(32);
        first.Key.ShouldNotBe(second.Key);
        first.KeyId.Version.ShouldBe(7);
        first.SubjectId.ShouldBe("subject-1");
        first.ToString().ShouldNotContain(Convert.ToBase64String(first.Key));
    }
}
