using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// One service, in process, against its own fresh PostgreSQL database and RabbitMQ virtual host:
/// the real stores and the real broker, never stand-ins. Use as a class fixture.
/// </summary>
public class ServiceFactory<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
{
    private TestDatabase? database;
    private TestVirtualHost? broker;

    public TestDatabase Database => database ?? throw NotInitialized();

    public TestVirtualHost Broker => broker ?? throw NotInitialized();

    public virtual async Task InitializeAsync()
    {
        var purpose = typeof(TProgram).Assembly.GetName().Name ?? "service";
        database = await TestDatabase.CreateAsync(purpose);
        broker = await TestVirtualHost.CreateAsync(purpose);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", Database.ConnectionString);
        builder.UseSetting("ConnectionStrings:RabbitMQ", Broker.AmqpUri);
        // Identity encrypts its signing keys with this; a fresh one per test host, like a fresh database.
        builder.UseSetting("Identity:SigningKeyEncryptionKey", TestKeys.NewKeyEncryptionKey());
        // Notifications encrypts webhook signing secrets with this; the same shape, fresh per host too.
        builder.UseSetting("Notifications:SecretEncryptionKey", TestKeys.NewKeyEncryptionKey());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }

    private static InvalidOperationException NotInitialized() =>
        new("The fixture is not initialized: use it as an xunit class or collection fixture.");
}
