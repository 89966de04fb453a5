using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Data;

namespace SafeSocial.Tests.Infrastructure;

/// <summary>Makes DbContexts on one test database, as the application would, with a given scope and clock.</summary>
public sealed class TestDb(string connectionString, TimeProvider? clock = null)
{
    public string ConnectionString { get; } = connectionString;
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    public static async Task<TestDb> CreateAsync(PostgresServer server, TimeProvider? clock = null) =>
        new(await server.CreateDatabaseAsync(), clock);

    /// <summary>A context opened for system work (no organisation filter), acting as the named person.</summary>
    public SafeSocialDb System(string actor = "Test")
    {
        var db = Open(new OrganisationScope());
        db.Scope.OpenForSystemWork();
        db.Audit.ActorName = actor;
        return db;
    }

    /// <summary>A context that sees only the given organisations, as a signed-in request would.</summary>
    public SafeSocialDb LimitedTo(params Guid[] organisationIds)
    {
        var scope = new OrganisationScope();
        scope.LimitTo(organisationIds);
        return Open(scope);
    }

    private SafeSocialDb Open(OrganisationScope scope) =>
        new(new DbContextOptionsBuilder<SafeSocialDb>().UseNpgsql(ConnectionString).Options, scope, new AuditContext(), Clock);
}
