using Platform.Testing;

namespace Referrals.Tests;

public sealed class ServiceSpecs(ServiceFactory<Program> service) : ServiceReadinessSpecs<Program>(service, "/api/referrals");
