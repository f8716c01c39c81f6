using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.EventStore.Privacy;
using Platform.EventStore.Types;

namespace Platform.EventStore.Tests.Privacy;

public sealed class PersonalDataCodecSpecs
{
    private static readonly JsonSerializerOptions Options = EventTypeRegistry.SerializerOptions;
    private readonly PersonalDataCodec codec = new(Options);

    private static readonly Guid Reporter = Guid.NewGuid();
    private static readonly Guid Accused = Guid.NewGuid();
    private static readonly Guid Bystander = Guid.NewGuid();

    private static ReportSubmitted Report() => new(
        ReportId: Guid.NewGuid(),
        ReporterId: Reporter,
        Narrative: "He followed me to the car park every evening",
        People:
        [
            new PersonInvolved(Accused, "accused", "Jordan Example", "+44 7700 900123"),
            new PersonInvolved(Bystander, "witness", "Sam Sample", null),
        ],
        Contact: new ContactDetails("reporter@example.org", "+44 7700 900456", "email"));

    private static Dictionary<string, DataKey> KeysFor(SealingPlan plan) =>
        plan.Subjects.ToDictionary(subject => subject, MasterKeyRing.NewDataKey, StringComparer.Ordinal);

    private (string Json, Dictionary<string, DataKey> Keys) Seal(object @event)
    {
        var plan = codec.PlanSeal(@event).ShouldNotBeNull();
        var keys = KeysFor(plan);
        return (plan.Seal(keys), keys);
    }

    private JsonObject Open<TEvent>(string json, IEnumerable<DataKey> keys)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        codec.Open(node, typeof(TEvent), keys.ToDictionary(key => key.KeyId));
        return node;
    }

    private static void ShouldBeTheSame(ReportSubmitted actual, ReportSubmitted expected)
    {
        actual.ShouldBe(expected with { People = actual.People });
        actual.People.ShouldBe(expected.People);
    }

    [Fact]
    public void Sealed_then_opened_with_every_key_reads_back_the_original_event()
    {
        var report = Report();
        var (json, keys) = Seal(report);

        var opened = Open<ReportSubmitted>(json, keys.Values).Deserialize<ReportSubmitted>(Options)!;

        ShouldBeTheSame(opened, report);
    }

    [Fact]
    public void Each_subjects_fields_are_sealed_with_that_subjects_own_key()
    {
        var report = Report();
        var (json, keys) = Seal(report);

        var opened = Open<ReportSubmitted>(json, [keys[Accused.ToString("D")]]).Deserialize<ReportSubmitted>(Options)!;

        opened.People[0].ShouldBe(report.People[0]);
        opened.Narrative.ShouldBe(PersonalData.ErasedMarker);
        opened.Contact.ShouldBe(new ContactDetails(PersonalData.ErasedMarker, PersonalData.ErasedMarker, "email"));
        opened.People[1].ShouldBe(new PersonInvolved(Bystander, "witness", PersonalData.ErasedMarker, null));
    }

    [Fact]
    public void Erasing_one_subject_leaves_everyone_elses_data_readable()
    {
        var report = Report();
        var (json, keys) = Seal(report);
        keys.Remove(Accused.ToString("D"));

        var opened = Open<ReportSubmitted>(json, keys.Values).Deserialize<ReportSubmitted>(Options)!;

        opened.People[0].ShouldBe(report.People[0] with { Name = PersonalData.ErasedMarker, Phone = PersonalData.ErasedMarker });
        ShouldBeTheSame(opened with { People = report.People }, report);
        opened.People[1].ShouldBe(report.People[1]);
    }

    [Fact]
    public void The_sealed_json_contains_none_of_the_personal_values()
    {
        var (json, _) = Seal(Report());

        foreach (var plain in new[] { "car park", "Jordan", "Sam Sample", "7700", "reporter@example.org" })
        {
            json.ShouldNotContain(plain);
        }
    }

    [Fact]
    public void Non_personal_fields_stay_plain_and_readable_in_the_sealed_json()
    {
        var report = Report();
        var (json, _) = Seal(report);

        var stored = JsonNode.Parse(json)!;
        stored["reportId"]!.GetValue<Guid>().ShouldBe(report.ReportId);
        stored["reporterId"]!.GetValue<Guid>().ShouldBe(Reporter);
        stored["people"]![0]!["personId"]!.GetValue<Guid>().ShouldBe(Accused);
        stored["people"]![0]!["role"]!.GetValue<string>().ShouldBe("accused");
        stored["people"]![1]!["phone"].ShouldBeNull();
        stored["contact"]!["preferredChannel"]!.GetValue<string>().ShouldBe("email");
    }

    [Fact]
    public void Json_names_follow_camel_case_and_JsonPropertyName()
    {
        var (json, keys) = Seal(Report());

        var stored = JsonNode.Parse(json)!;
        stored["narrative"]!.GetValue<string>().ShouldStartWith("pd1.");
        stored["contact"]!["tel"]!.GetValue<string>().ShouldStartWith("pd1.");
        stored["contact"]!.AsObject().ContainsKey("phoneNumber").ShouldBeFalse();
        Open<ReportSubmitted>(json, keys.Values)["contact"]!["tel"]!.GetValue<string>().ShouldBe("+44 7700 900456");
    }

    [Fact]
    public void An_envelope_names_its_key_in_hex_and_carries_nonce_ciphertext_and_tag_in_base64url()
    {
        var (json, keys) = Seal(Report());

        var envelope = JsonNode.Parse(json)!["narrative"]!.GetValue<string>();
        var parts = envelope.Split('.');
        parts.Length.ShouldBe(3);
        parts[0].ShouldBe("pd1");
        parts[1].ShouldBe(keys[Reporter.ToString("D")].KeyId.ToString("N"));
        var plaintextLength = JsonSerializer.SerializeToUtf8Bytes(Report().Narrative).Length;
        System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]).Length.ShouldBe(12 + plaintextLength + 16);
    }

    [Fact]
    public void Equal_values_seal_to_different_envelopes_with_a_fresh_nonce_each()
    {
        var person = new PersonInvolved(Accused, "accused", "same", "same");
        var report = Report() with { People = [person, person] };

        var (json, _) = Seal(report);

        var people = JsonNode.Parse(json)!["people"]!.AsArray();
        var envelopes = people.SelectMany(p => new[] { p!["name"]!.GetValue<string>(), p["phone"]!.GetValue<string>() }).ToArray();
        envelopes.Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public void A_plan_names_each_subject_once_in_order_of_appearance()
    {
        var report = Report() with { People = [.. Report().People, new PersonInvolved(Reporter, "reporter", "Alex", null)] };

        var plan = codec.PlanSeal(report).ShouldNotBeNull();

        plan.Subjects.ShouldBe([Reporter.ToString("D"), Accused.ToString("D"), Bystander.ToString("D")]);
    }

    [Fact]
    public void Null_personal_values_stay_null_and_need_no_key()
    {
        var report = Report() with { People = [new PersonInvolved(Accused, "accused", "Jordan", null)], Contact = null };
        var statement = new WitnessStatement("w-1", null, null, null, []);

        codec.PlanSeal(statement).ShouldNotBeNull().Subjects.ShouldBeEmpty();
        var (json, keys) = Seal(report);

        JsonNode.Parse(json)!["people"]![0]!["phone"].ShouldBeNull();
        JsonNode.Parse(json)!["contact"].ShouldBeNull();
        ShouldBeTheSame(Open<ReportSubmitted>(json, keys.Values).Deserialize<ReportSubmitted>(Options)!, report);
        codec.PlanSeal(statement)!.Seal(new Dictionary<string, DataKey>()).ShouldBe(JsonSerializer.Serialize(statement, Options));
    }

    [Fact]
    public void Values_of_any_nullable_type_round_trip_whole()
    {
        var statement = new WitnessStatement(
            "witness-7", 34, new Address("1 High Street", "Leeds"), ["Bob", "Bobby"],
            [new Witnessed("the assault", [new PersonInvolved(Accused, "accused", "Jordan", "0113 496 0000")])]);

        var (json, keys) = Seal(statement);

        json.ShouldNotContain("High Street");
        json.ShouldNotContain("Bobby");
        json.ShouldNotContain("Jordan");
        JsonNode.Parse(json)!["age"]!.GetValue<string>().ShouldStartWith("pd1.");
        var opened = Open<WitnessStatement>(json, keys.Values).Deserialize<WitnessStatement>(Options)!;
        opened.WitnessRef.ShouldBe("witness-7");
        opened.Age.ShouldBe(34);
        opened.Home.ShouldBe(statement.Home);
        opened.Aliases.ShouldBe(statement.Aliases);
        opened.Seen.Single().What.ShouldBe("the assault");
        opened.Seen.Single().Who.ShouldBe(statement.Seen.Single().Who);
    }

    [Fact]
    public void Personal_data_in_dictionary_values_is_sealed_per_subject()
    {
        var hearing = new HearingScheduled(Guid.NewGuid(), new Dictionary<string, PersonInvolved>
        {
            ["seat-1"] = new(Accused, "accused", "Jordan Example", null),
            ["seat-2"] = new(Bystander, "witness", "Sam Sample", "0113 496 0001"),
        });

        var (json, keys) = Seal(hearing);

        json.ShouldNotContain("Jordan");
        json.ShouldNotContain("Sam Sample");
        var opened = Open<HearingScheduled>(json, [keys[Bystander.ToString("D")]]).Deserialize<HearingScheduled>(Options)!;
        opened.AttendeesBySeat["seat-1"].Name.ShouldBe(PersonalData.ErasedMarker);
        opened.AttendeesBySeat["seat-2"].ShouldBe(hearing.AttendeesBySeat["seat-2"]);
    }

    [Fact]
    public void Erased_strings_read_as_the_erased_marker_and_other_values_as_null()
    {
        var statement = new WitnessStatement(
            "witness-7", 34, new Address("1 High Street", "Leeds"), ["Bob"],
            [new Witnessed("the assault", [new PersonInvolved(Accused, "accused", "Jordan", "0113 496 0000")])]);
        var (json, _) = Seal(statement);

        var opened = Open<WitnessStatement>(json, []).Deserialize<WitnessStatement>(Options)!;

        opened.Age.ShouldBeNull();
        opened.Home.ShouldBeNull();
        opened.Aliases.ShouldBeNull();
        opened.Seen.Single().What.ShouldBe("the assault");
        opened.Seen.Single().Who.Single().ShouldBe(new PersonInvolved(Accused, "accused", PersonalData.ErasedMarker, PersonalData.ErasedMarker));
        PersonalData.IsErased(opened.Seen.Single().Who.Single().Name).ShouldBeTrue();
    }

    [Fact]
    public void Key_ids_in_a_sealed_event_are_exactly_the_keys_it_was_sealed_with()
    {
        var (json, keys) = Seal(Report());

        var keyIds = codec.KeyIdsIn(JsonNode.Parse(json)!.AsObject(), typeof(ReportSubmitted));

        keyIds.ShouldBe(keys.Values.Select(key => key.KeyId), ignoreOrder: true);
        codec.KeyIdsIn(new JsonObject(), typeof(CaseClosed)).ShouldBeEmpty();
    }

    [Fact]
    public void Types_without_personal_data_get_no_plan_and_open_untouched()
    {
        var closed = new CaseClosed(Guid.NewGuid(), "resolved", ["a"]);
        var node = JsonSerializer.SerializeToNode(closed, Options)!.AsObject();

        codec.PlanSeal(closed).ShouldBeNull();
        codec.HasPersonalData(typeof(CaseClosed)).ShouldBeFalse();
        codec.HasPersonalData(typeof(ReportSubmitted)).ShouldBeTrue();
        codec.Open(node, typeof(CaseClosed), new Dictionary<Guid, DataKey>());
        node.Deserialize<CaseClosed>(Options)!.Outcome.ShouldBe("resolved");
    }

    [Fact]
    public void Tampered_ciphertext_throws_an_integrity_exception_naming_the_path()
    {
        var (json, keys) = Seal(Report());
        var node = JsonNode.Parse(json)!.AsObject();
        var envelope = node["people"]![0]!["name"]!.GetValue<string>();
        var flipped = envelope[^5] == 'A' ? 'B' : 'A';
        node["people"]![0]!["name"] = envelope[..^5] + flipped + envelope[^4..];

        var thrown = Should.Throw<PersonalDataIntegrityException>(() =>
            codec.Open(node, typeof(ReportSubmitted), keys.Values.ToDictionary(key => key.KeyId)));

        thrown.Path.ShouldBe("$.people[0].name");
        thrown.Message.ShouldContain("$.people[0].name");
    }

    [Fact]
    public void Envelopes_swapped_between_subjects_throw_an_integrity_exception()
    {
        var (json, keys) = Seal(Report());
        var node = JsonNode.Parse(json)!.AsObject();
        var accusedName = node["people"]![0]!["name"]!.GetValue<string>();
        var bystanderName = node["people"]![1]!["name"]!.GetValue<string>();
        node["people"]![0]!["name"] = bystanderName;
        node["people"]![1]!["name"] = accusedName;

        Should.Throw<PersonalDataIntegrityException>(() =>
            codec.Open(node, typeof(ReportSubmitted), keys.Values.ToDictionary(key => key.KeyId)))
            .Path.ShouldBe("$.people[0].name");
    }

    [Fact]
    public void An_envelope_moved_to_another_subjects_record_throws_an_integrity_exception()
    {
        var (json, keys) = Seal(Report());
        var node = JsonNode.Parse(json)!.AsObject();
        // The subject id is plain: re-pointing a record at another person must not re-attribute its data.
        node["people"]![0]!["personId"] = Bystander.ToString();

        Should.Throw<PersonalDataIntegrityException>(() =>
            codec.Open(node, typeof(ReportSubmitted), keys.Values.ToDictionary(key => key.KeyId)))
            .Path.ShouldBe("$.people[0].name");
    }

    [Fact]
    public void Plain_data_at_a_personal_path_throws_an_integrity_exception()
    {
        var legacy = JsonSerializer.SerializeToNode(Report(), Options)!.AsObject();

        Should.Throw<PersonalDataIntegrityException>(() => codec.Open(legacy, typeof(ReportSubmitted), new Dictionary<Guid, DataKey>()))
            .Path.ShouldBe("$.narrative");
        Should.Throw<PersonalDataIntegrityException>(() => codec.KeyIdsIn(legacy, typeof(ReportSubmitted)))
            .Path.ShouldBe("$.narrative");
    }

    [Theory]
    [InlineData("pd1.")]
    [InlineData("pd1.0123456789abcdef0123456789abcdef.")]
    [InlineData("pd1.0123456789abcdef0123456789abcdef.AAAA")]
    [InlineData("pd1.not-a-key-id-not-a-key-id-xxxx.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pd2.0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_envelopes_throw_an_integrity_exception(string envelope)
    {
        var (json, keys) = Seal(Report());
        var node = JsonNode.Parse(json)!.AsObject();
        var keysById = keys.Values.ToDictionary(key => key.KeyId);
        keysById[Guid.Parse("0123456789abcdef0123456789abcdef")] = MasterKeyRing.NewDataKey(Reporter.ToString("D"));
        node["narrative"] = envelope;

        Should.Throw<PersonalDataIntegrityException>(() => codec.Open(node, typeof(ReportSubmitted), keysById)).Path.ShouldBe("$.narrative");
    }

    [Fact]
    public void An_empty_subject_id_cannot_be_sealed()
    {
        Should.Throw<InvalidOperationException>(() => codec.PlanSeal(Report() with { ReporterId = Guid.Empty }))
            .Message.ShouldContain("$.reporterId");
        Should.Throw<InvalidOperationException>(() => codec.PlanSeal(new WitnessStatement("", 30, null, null, [])))
            .Message.ShouldContain("$.witnessRef");
        Should.Throw<InvalidOperationException>(() => codec.PlanSeal(new WitnessStatement(null!, 30, null, null, [])));
    }

    [Fact]
    public void Sealing_needs_a_key_of_each_subject_and_only_of_that_subject()
    {
        var plan = codec.PlanSeal(Report())!;
        var keys = KeysFor(plan);
        var reporter = Reporter.ToString("D");

        Should.Throw<InvalidOperationException>(() => plan.Seal(keys.Where(pair => pair.Key != reporter).ToDictionary()));
        keys[reporter] = MasterKeyRing.NewDataKey(Accused.ToString("D"));
        Should.Throw<InvalidOperationException>(() => plan.Seal(keys));
    }

    [Fact]
    public void Long_string_subject_ids_seal_and_open()
    {
        var statement = new WitnessStatement(new string('w', 1000), 41, null, null, []);

        var (json, keys) = Seal(statement);

        Open<WitnessStatement>(json, keys.Values).Deserialize<WitnessStatement>(Options)!.Age.ShouldBe(41);
    }

    [Fact]
    public void Json_an_upcaster_wrote_in_other_casing_still_opens()
    {
        var report = Report();
        var (json, keys) = Seal(report);
        var node = JsonNode.Parse(json)!.AsObject();
        var narrative = node["narrative"]!.DeepClone();
        node.Remove("narrative");
        node["Narrative"] = narrative;

        codec.Open(node, typeof(ReportSubmitted), keys.Values.ToDictionary(key => key.KeyId));

        node.Deserialize<ReportSubmitted>(Options)!.Narrative.ShouldBe(report.Narrative);
    }
}
