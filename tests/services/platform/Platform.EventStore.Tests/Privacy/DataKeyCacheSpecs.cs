using Platform.EventStore.Privacy;

namespace Platform.EventStore.Tests.Privacy;

public sealed class DataKeyCacheSpecs
{
    private static DataKey Key(string subject) => MasterKeyRing.NewDataKey(subject);

    [Fact]
    public void A_service_that_meets_new_subjects_all_day_keeps_at_most_its_capacity_of_keys_and_the_newest_of_them()
    {
        var cache = new DataKeyCache<Guid>(capacity: 100);
        var keys = Enumerable.Range(0, 1_000).Select(i => Key($"subject-{i}")).ToList();

        foreach (var key in keys)
        {
            cache.Add(key.KeyId, key);
            cache.Count.ShouldBeLessThanOrEqualTo(100);
        }

        foreach (var key in keys.TakeLast(50))
        {
            cache.TryGet(key.KeyId, out var found).ShouldBeTrue();
            found.Key.ShouldBe(key.Key);
        }
        cache.TryGet(keys[0].KeyId, out _).ShouldBeFalse();
    }

    [Fact]
    public void An_erased_subject_s_keys_are_dropped_from_both_generations_and_no_one_else_s()
    {
        var cache = new DataKeyCache<Guid>(capacity: 4);
        var erasedOld = Key("erased");
        var kept = Key("kept");
        var erasedNew = Key("erased");
        cache.Add(erasedOld.KeyId, erasedOld);
        cache.Add(kept.KeyId, kept); // the newer generation is full: these two become the older one
        cache.Add(erasedNew.KeyId, erasedNew);

        cache.RemoveSubject("erased");

        cache.TryGet(erasedOld.KeyId, out _).ShouldBeFalse();
        cache.TryGet(erasedNew.KeyId, out _).ShouldBeFalse();
        cache.TryGet(kept.KeyId, out _).ShouldBeTrue();
    }

    [Fact]
    public void The_first_key_of_a_subject_stays_its_key_for_writing()
    {
        var cache = new DataKeyCache<string>(capacity: 100);
        var first = Key("subject");

        cache.Add("subject", first);
        cache.Add("subject", Key("subject"));

        cache.TryGet("subject", out var found).ShouldBeTrue();
        found.KeyId.ShouldBe(first.KeyId);
    }
}
