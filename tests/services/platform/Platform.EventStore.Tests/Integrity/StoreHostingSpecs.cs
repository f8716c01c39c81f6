using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore.Appending;
using Platform.EventStore.Integrity;
using Platform.EventStore.Privacy;

namespace Platform.EventStore.Tests.Integrity;

/// <summary>A service configured as `./platform up` configures one: keys from configuration, checkpoints on a timer.</summary>
public sealed class StoreHostingSpecs(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task A_service_with_a_signing_key_checkpoints_by_itself_and_seals_personal_data_with_its_master_key()
    {
        var signingKey = CheckpointKeys.NewSigningKey();
        await using var app = fixture.NewServiceHost(settings: new Dictionary<string, string?>
        {
            ["EventStore:Integrity:SigningKey"] = signingKey,
            ["EventStore:Integrity:CheckpointInterval"] = "00:00:00.050",
            ["EventStore:MasterKeys:Current"] = "m1",
            ["EventStore:MasterKeys:Keys:m1"] = Convert.ToBase64String(fixture.MasterKey),
        });
        await app.StartAsync();
        var store = app.Services.GetRequiredService<EventStore>();
        var stream = StoreFixture.NewStreamId();
        var person = Guid.CreateVersion7();

        await store.AppendAsync(stream, ExpectedVersion.NoStream,
            [EventToAppend.New(new PersonReported(Guid.NewGuid(), person, "Cleo", "555", "told a teacher", "school"))], TestEvents.Metadata());

        (await store.ReadStreamAsync(stream))[0].Data.ShouldBeOfType<PersonReported>().Name.ShouldBe("Cleo");
        (await fixture.ScalarAsync($"select count(*) from events where stream_id = '{stream}' and data::text like '%Cleo%'")).ShouldBe(0);
        (await fixture.ScalarAsync($"select count(*) from subject_keys where subject_id = '{person}' and master_key_id = 'm1'")).ShouldBe(1);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await fixture.ScalarAsync($"select count(*) from integrity_checkpoint_heads where stream_id = '{stream}'") == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "no checkpoint recorded the new stream");
            await Task.Delay(50);
        }
        using var keys = new CheckpointKeys(signingKey, []);
        (await IntegrityVerifier.VerifyStreamAsync(fixture.DataSource, keys, stream)).Intact.ShouldBeTrue();
        app.Services.GetRequiredService<SubjectKeys>().ShouldNotBeNull();
    }
}
