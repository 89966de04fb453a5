using Microsoft.Extensions.DependencyInjection;
using SafeSocial.Core.Organisation;

namespace SafeSocial.Core;

public static class CoreServices
{
    /// <summary>The concrete services pages call; each writes its change and audit entry in one transaction.</summary>
    public static IServiceCollection AddCoreServices(this IServiceCollection services)
    {
        services.AddScoped<AccessService>();
        services.AddScoped<AttentionService>().AddScoped<PersonalAttention>();
        services.AddScoped<Audit.AuditVerifier>();
        services.AddScoped<Audit.AuditTrailReader>();
        services.AddScoped<Policy.PolicySettingsService>();
        services.AddScoped<Policy.PolicyVersionService>();
        services.AddScoped<People.PupilService>().AddScoped<People.StaffService>().AddScoped<People.ClassTeaching>().AddScoped<People.RoleAssignmentService>()
            .AddScoped<People.RolePermissionService>().AddScoped<Identity.InvitationService>()
            .AddScoped<Identity.SignInSessions>().AddScoped<Identity.SignInThrottle>();
        services.AddScoped<Roster.RosterImportService>();
        services.AddScoped<Consent.ConsentRegister>().AddScoped<Consent.ConsentCheck>().AddScoped<Consent.ConsentPolicyService>();
        services.AddScoped<Takedowns.TakedownService>().AddScoped<Takedowns.TakedownOwners>().AddScoped<Takedowns.TakedownSweep>();
        services.AddScoped<Consent.Portal.ParentSignIn>().AddScoped<Consent.Portal.ParentFamily>().AddScoped<Consent.Campaigns.ConsentCampaignService>()
            .AddScoped<Consent.Campaigns.CampaignLinks>();
        services.AddScoped<Accounts.Vault.CredentialVault>();
        services.AddScoped<Consent.ConsentRoster>().AddScoped<Consent.PupilConsentService>().AddScoped<Consent.ConsentRecording>()
            .AddScoped<Consent.ConsentCoverage>().AddScoped<Consent.ConsentPurposeChanges>();
        services.AddScoped<Accounts.AccountRegister>().AddScoped<Accounts.AccountApprovals>().AddScoped<Accounts.AccountAdmins>()
            .AddScoped<Accounts.AdminApprovals>();
        services.AddScoped<Accounts.AdminAccessEnding>().AddScoped<Accounts.AccountLifecycle>().AddScoped<Accounts.AccountReminders>()
            .AddScoped<Accounts.AccountReminderEmails>().AddScoped<Accounts.AccountCareSweep>().AddScoped<Accounts.StaffTraining>().AddScoped<Policy.AccountEmailDomainsSetting>();
        services.AddScoped<Accounts.PupilContributors>().AddScoped<Accounts.Vault.VaultReencryption>().AddScoped<Accounts.Vault.MasterKeyChange>();
        services.AddScoped<Accounts.Custody.AccountCustody>().AddScoped<Accounts.Custody.CustodyNotices>()
            .AddScoped<Accounts.Custody.CredentialCustody>().AddScoped<Accounts.Custody.EmergencyAccessFlags>().AddScoped<Accounts.Custody.CustodyNoticeDelivery>();
        return services;
    }
}
