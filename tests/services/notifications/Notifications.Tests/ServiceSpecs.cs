using Platform.Testing;

namespace Notifications.Tests;

public sealed class ServiceSpecs(ServiceFactory<Program> service) : ServiceReadinessSpecs<Program>(service, "/api/notifications");
