using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SafeSocial.Core.Audit;
using SafeSocial.Core.Identity;
using SafeSocial.Core.Organisation;
using SafeSocial.Core.Policy;
using Org = SafeSocial.Core.Organisation.Organisation;

namespace SafeSocial.Core.Data;

public class SafeSocialDb(DbContextOptions<SafeSocialDb> options, OrganisationScope scope, AuditContext audit, TimeProvider clock)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Org> Organisations => Set<Org>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<Pupil> Pupils => Set<Pupil>();
    public DbSet<SchoolClass> SchoolClasses => Set<SchoolClass>();
    public DbSet<ClassTeacher> ClassTeachers => Set<ClassTeacher>();
    public DbSet<Parent> Parents => Set<Parent>();
    public DbSet<PupilParent> PupilParents => Set<PupilParent>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<RolePermissionSetting> RolePermissionSettings => Set<RolePermissionSetting>();
    public DbSet<StaffInvitation> StaffInvitations => Set<StaffInvitation>();
    public DbSet<PolicyVersion> PolicyVersions => Set<PolicyVersion>();
    public DbSet<PolicySettings> PolicySettings => Set<PolicySettings>();
    public DbSet<Consent.ConsentRecord> ConsentRecords => Set<Consent.ConsentRecord>();
    public DbSet<Consent.BiometricConsentRecord> BiometricConsentRecords => Set<Consent.BiometricConsentRecord>();
    public DbSet<Consent.ConsentPurposeSetting> ConsentPurposeSettings => Set<Consent.ConsentPurposeSetting>();
    public DbSet<Takedowns.TakedownTask> TakedownTasks => Set<Takedowns.TakedownTask>();
    public DbSet<Consent.Portal.ParentSignInRequest> ParentSignInRequests => Set<Consent.Portal.ParentSignInRequest>();
    public DbSet<Consent.Campaigns.ConsentCampaign> ConsentCampaigns => Set<Consent.Campaigns.ConsentCampaign>();
    public DbSet<Consent.Campaigns.ConsentCampaignSend> ConsentCampaignSends => Set<Consent.Campaigns.ConsentCampaignSend>();
    public DbSet<Consent.Campaigns.CampaignLink> CampaignLinks => Set<Consent.Campaigns.CampaignLink>();
    public DbSet<Accounts.OfficialAccount> OfficialAccounts => Set<Accounts.OfficialAccount>();
    public DbSet<Accounts.AccountApproval> AccountApprovals => Set<Accounts.AccountApproval>();
    public DbSet<Accounts.AccountAdmin> AccountAdmins => Set<Accounts.AccountAdmin>();
    public DbSet<Accounts.AdminRequest> AdminRequests => Set<Accounts.AdminRequest>();
    public DbSet<Accounts.AdminApproval> AdminApprovals => Set<Accounts.AdminApproval>();
    public DbSet<Accounts.TrainingRecord> TrainingRecords => Set<Accounts.TrainingRecord>();
    public DbSet<Accounts.PupilContributor> PupilContributors => Set<Accounts.PupilContributor>();
    public DbSet<Accounts.Vault.AccountCredential> AccountCredentials => Set<Accounts.Vault.AccountCredential>();
    public DbSet<Accounts.Vault.DataProtectionKey> DataProtectionKeys => Set<Accounts.Vault.DataProtectionKey>();
    public DbSet<Accounts.AccountReminderSent> AccountRemindersSent => Set<Accounts.AccountReminderSent>();
    public DbSet<Accounts.Custody.CustodyNotice> CustodyNotices => Set<Accounts.Custody.CustodyNotice>();
    public DbSet<Accounts.Custody.EmergencyAccess> EmergencyAccesses => Set<Accounts.Custody.EmergencyAccess>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<SignInAttempt> SignInAttempts => Set<SignInAttempt>();
    public DbSet<People.RolePermissionRequest> RolePermissionRequests => Set<People.RolePermissionRequest>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public OrganisationScope Scope => scope;
    public AuditContext Audit => audit;
    internal TimeProvider Clock => clock;
    internal List<AuditEntry> PendingActions { get; } = [];

    // Read by the query filters; EF turns these into parameters of each query.
    private bool ScopeUnrestricted => scope.Unrestricted;
    private Guid[] ScopeIds => scope.OrganisationIds;

    /// <summary>Records an action that changes no row (a read of a restricted record, a sign-in) with the next save.</summary>
    public void RecordAction(Guid organisationId, string action, string entityType, string entityId, string? reason = null) =>
        PendingActions.Add(new AuditEntry
        {
            OrganisationId = organisationId, Action = action, EntityType = entityType, EntityId = entityId,
            Reason = reason, ActorName = "", PreviousHash = "", Hash = "",
        });

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    // What this process remembers for a few seconds, and the changes after which it must forget at once.
    private static readonly (Func<object, bool> Affects, Action Forget)[] Remembered =
    [
        (AccessChanges.Affects, AccessChanges.Happened),
        (Consent.ConsentPolicyService.Affects, Consent.ConsentPolicyService.SettingsChanged),
        (People.PupilService.AffectsClasses, People.PupilService.ClassesChanged),
    ];

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changed = ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity).ToList();
        var stale = Remembered.Where(r => changed.Any(r.Affects)).ToList();
        var saved = await AuditTrailWriter.SaveWithAuditAsync(this, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
        foreach (var r in stale) r.Forget();
        return saved;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(SafeSocialDb).Assembly);
        foreach (var type in builder.Model.GetEntityTypes().Select(t => t.ClrType).Where(typeof(IOrganisationOwned).IsAssignableFrom).ToList())
            builder.Entity(type).HasQueryFilter(ScopeFilter(type));
        builder.Entity<Org>().HasQueryFilter(o => ScopeUnrestricted || ScopeIds.Contains(o.Id));
    }

    private LambdaExpression ScopeFilter(Type type)
    {
        var e = Expression.Parameter(type, "e");
        Expression<Func<Guid, bool>> visible = id => ScopeUnrestricted || ScopeIds.Contains(id);
        var body = new ReplaceParameter(visible.Parameters[0], Expression.Property(e, nameof(IOrganisationOwned.OrganisationId))).Visit(visible.Body);
        return Expression.Lambda(body, e);
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
