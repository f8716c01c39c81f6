using Cases.Handling.Referring;
using Platform.EventStore.Types;

namespace Cases.Handling;

public static class CaseEventTypes
{
    /// <summary>
    /// Every event cases stores, under its stable name. Registering also checks the personal-data
    /// marking of each type, so a marking mistake fails at start-up.
    /// </summary>
    public static EventTypeRegistry Register(EventTypeRegistry types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return types
            .Register<CaseOpened>("cases.case-opened.v1")
            .Register<CaseTriaged>("cases.case-triaged.v1")
            .Register<CaseAcknowledged>("cases.case-acknowledged.v1")
            .Register<CaseWorkerAssigned>("cases.case-worker-assigned.v1")
            .Register<RiskAssessed>("cases.risk-assessed.v1")
            .Register<NoteAdded>("cases.note-added.v1")
            .Register<EvidenceRecorded>("cases.evidence-recorded.v1")
            .Register<InterimMeasureRecorded>("cases.interim-measure-recorded.v1")
            .Register<InvestigationOpened>("cases.investigation-opened.v1")
            .Register<InvestigationConcluded>("cases.investigation-concluded.v1")
            .Register<CaseEscalated>("cases.case-escalated.v1")
            .Register<RetaliationConcernRecorded>("cases.retaliation-concern-recorded.v1")
            .Register<ReportWithdrawalRecorded>("cases.report-withdrawal-recorded.v1")
            .Register<CaseClosed>("cases.case-closed.v1")
            .Register<CaseReopened>("cases.case-reopened.v1")
            .Register<ReferralStepRecorded>("cases.referral-step-recorded.v1");
    }
}
