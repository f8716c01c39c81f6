using Cases.Handling;
using Platform.EventStore.Privacy;
using Platform.EventStore.Types;
using Platform.Messaging.Forwarding;
using static Cases.Tests.Handling.Examples;
using CaseOutcome = Cases.Contracts.CaseOutcome;

namespace Cases.Tests.Handling;

public sealed class CaseEventTypesSpecs
{
    [Fact]
    public void Every_event_registers_under_a_stable_name_and_its_personal_data_marking_is_valid() =>
        Should.NotThrow(() => CaseEventTypes.Register(new EventTypeRegistry()));

    [Fact]
    public void Published_contracts_carry_no_personal_field()
    {
        foreach (var contract in typeof(Cases.Contracts.CaseOpened).Assembly.GetTypes().Where(type => type.IsClass && type.IsPublic))
        {
            contract.GetProperties().ShouldAllBe(property => property.PropertyType != typeof(string),
                $"{contract.Name} carries text, which could be personal");
        }
    }

    [Fact]
    public void Only_lifecycle_changes_are_published()
    {
        var map = new IntegrationEventMap().PublishCaseEvents();

        map.IsPublic(typeof(Cases.Handling.CaseClosed)).ShouldBeTrue();
        map.IsPublic(typeof(NoteAdded)).ShouldBeFalse();
        map.IsPublic(typeof(RiskAssessed)).ShouldBeFalse();
        map.IsPublic(typeof(InvestigationConcluded)).ShouldBeFalse();
        map.IsPublic(typeof(SubjectErased)).ShouldBeFalse();
    }

    [Fact]
    public void A_case_closed_is_published_as_ids_vocabulary_and_time() =>
        new IntegrationEventMap().PublishCaseEvents()
            .Map(new Platform.EventStore.RecordedEvent(1, 1, CaseStreams.Id(CaseId), 7, Guid.NewGuid(), "cases.case-closed.v1", Closed(),
                new Platform.EventStore.EventMetadata("c", null, null, new Platform.EventStore.Actor(By, null, null), Now), Now))
            .ShouldBe(new Cases.Contracts.CaseClosed(CaseId, School, CaseOutcome.ActionTaken, Now.AddDays(6)));
}
