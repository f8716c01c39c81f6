using Referrals.Contracts;

namespace Notifications.Notifying;

public sealed class NotifyOnReferralRequested(NotificationRecorder recorder) : NotifyOn<ReferralRequested>(recorder, ReferralNotifications.Of);

public sealed class NotifyOnReferralStatusChanged(NotificationRecorder recorder) : NotifyOn<ReferralStatusChanged>(recorder, ReferralNotifications.Of);

public sealed class NotifyOnReferralOverdue(NotificationRecorder recorder) : NotifyOn<ReferralOverdue>(recorder, ReferralNotifications.Of);

public sealed class NotifyOnReferralRerouted(NotificationRecorder recorder) : NotifyOn<ReferralRerouted>(recorder, ReferralNotifications.Of);

public sealed class NotifyOnReferralAccessEnded(NotificationRecorder recorder) : NotifyOn<ReferralAccessEnded>(recorder, ReferralNotifications.Of);
