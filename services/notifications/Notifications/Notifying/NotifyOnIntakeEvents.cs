using Intake.Contracts;

namespace Notifications.Notifying;

public sealed class NotifyOnReportSubmitted(NotificationRecorder recorder) : NotifyOn<ReportSubmitted>(recorder, IntakeNotifications.Of);

public sealed class NotifyOnReportTriaged(NotificationRecorder recorder) : NotifyOn<ReportTriaged>(recorder, IntakeNotifications.Of);

public sealed class NotifyOnUrgentReportRaised(NotificationRecorder recorder) : NotifyOn<UrgentReportRaised>(recorder, IntakeNotifications.Of);

public sealed class NotifyOnReportWithdrawn(NotificationRecorder recorder) : NotifyOn<ReportWithdrawn>(recorder, IntakeNotifications.Of);

public sealed class NotifyOnMessagePosted(NotificationRecorder recorder) : NotifyOn<MessagePosted>(recorder, IntakeNotifications.Of);
