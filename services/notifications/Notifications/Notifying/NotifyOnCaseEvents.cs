using Cases.Contracts;

namespace Notifications.Notifying;

public sealed class NotifyOnCaseOpened(NotificationRecorder recorder) : NotifyOn<CaseOpened>(recorder, CaseNotifications.Of);

public sealed class NotifyOnCaseAcknowledged(NotificationRecorder recorder) : NotifyOn<CaseAcknowledged>(recorder, CaseNotifications.Of);

public sealed class NotifyOnCaseWorkerAssigned(NotificationRecorder recorder) : NotifyOn<CaseWorkerAssigned>(recorder, CaseNotifications.Of);

public sealed class NotifyOnCaseEscalated(NotificationRecorder recorder) : NotifyOn<CaseEscalated>(recorder, CaseNotifications.Of);

public sealed class NotifyOnCaseClosed(NotificationRecorder recorder) : NotifyOn<CaseClosed>(recorder, CaseNotifications.Of);

public sealed class NotifyOnCaseReopened(NotificationRecorder recorder) : NotifyOn<CaseReopened>(recorder, CaseNotifications.Of);
