using Cases.Handling;
using Cases.Handling.Erasing;
using Cases.Handling.Opening;
using Cases.Handling.Reading;
using Cases.Handling.RecordingWithdrawal;
using Cases.Handling.Referring;
using Cases.Handling.Triaging;
using Platform.EventStore;
using Platform.Messaging;
using Platform.Messaging.Forwarding;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddServiceDatabase();
builder.AddEventStore(types => CaseEventTypes.Register(types))
    .AddInlineProjection<CaseListProjection>()
    .AddEventForwarder(map => map.PublishCaseEvents().PublishSubjectErasures());
builder.AddSchemaMigration(CaseListSchema.Migration.Id, CaseListSchema.Migration.Sql);
builder.AddServiceBus(bus =>
{
    bus.AddConsumer<OpenCaseOnReportSubmitted>(typeof(CaseConsumerDefinition<OpenCaseOnReportSubmitted>));
    bus.AddConsumer<RecordTriageOnReportTriaged>(typeof(CaseConsumerDefinition<RecordTriageOnReportTriaged>));
    bus.AddConsumer<RecordWithdrawalOnReportWithdrawn>(typeof(CaseConsumerDefinition<RecordWithdrawalOnReportWithdrawn>));
    bus.AddConsumer<RecordReferralStepOnReferralEvents>(typeof(CaseConsumerDefinition<RecordReferralStepOnReferralEvents>));
});
builder.Services.AddResourceOwners<CaseOwners>();
builder.Services.AddResourceOwners<OrganizationOwners>();
builder.Services.AddProblemMapping<CaseRuleViolationException>((violation, _) =>
    new Problem(violation.Status, violation.Kind switch
    {
        RuleViolationKind.NotFound => "Not found.",
        RuleViolationKind.Conflict => "The case's state does not allow this.",
        _ => "The request breaks a rule of case handling.",
    }, violation.Message));

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceRoot("/api/cases", Scopes.Cases);
app.MapCases();

app.Run();
