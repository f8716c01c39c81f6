using Intake;
using Intake.AnonymousAccess;
using Intake.Idempotency;
using Intake.Reports;
using Intake.Reports.Listing;
using Intake.Settings;
using Intake.Triage;
using Platform.EventStore;
using Platform.Messaging;
using Platform.Messaging.Forwarding;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAccess();
builder.AddServiceDatabase();
builder.AddServiceBus();
builder.AddIntakeSchema();
builder.AddEventStore(types => IntakeEvents.Register(types))
    .AddInlineProjection<ReportSummaries>()
    .AddInlineProjection<AnonymousAccessKeys>()
    .AddInlineProjection<PerpetratorReferences>()
    .AddEventForwarder(map => map.PublishReportEvents());
builder.Services.AddSingleton(provider => provider.GetServices<Platform.EventStore.Projections.IInlineProjection>().OfType<PerpetratorReferences>().Single());
builder.Services.AddResourceOwners<ReportOwners>();
builder.Services.AddSingleton(new PassphraseHasher(builder.Configuration.GetValue("Intake:AnonymousAccess:PassphraseIterations", PassphraseHasher.DefaultIterations)));
builder.Services.AddSingleton(builder.Configuration.GetSection("Intake:AnonymousAccess:Lockout").Get<LockoutPolicy>() ?? LockoutPolicy.Default);
builder.Services.AddSingleton<AnonymousSignIn>();
builder.Services.AddSingleton<AnonymousSessions>();
builder.Services.AddSingleton<SigningIn>();
builder.Services.AddSingleton<IdempotentRequests>();
builder.Services.AddHostedService<IntakeHousekeeping>();
builder.Services.AddProblemMapping<IdempotencyKeyLostException>((_, _) =>
    new Problem(StatusCodes.Status409Conflict, "A retry of this request took it over.", "Nothing was changed by this attempt; the retry's answer is the one."));
builder.Services.AddProblemMapping<ReportRuleViolationException>((violation, _) =>
    new Problem(violation.Status, violation.Kind switch
    {
        RuleViolationKind.Forbidden => "Not allowed on this report.",
        RuleViolationKind.NotFound => "Not found.",
        RuleViolationKind.Conflict => "Not possible in the report's current state.",
        _ => "The request breaks a rule.",
    }, violation.Message));

var app = builder.Build();
app.UseServiceDefaults();
app.MapServiceRoot("/api/intake", Scopes.Intake);
app.MapReportsApi();
app.MapAnonymousReportsApi();
app.MapSettingsApi();

app.Run();
