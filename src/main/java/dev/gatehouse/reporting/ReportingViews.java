package dev.gatehouse.reporting;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.identity.Caller;
import dev.gatehouse.project.ProjectService;
import dev.gatehouse.serviceaccount.ServiceAccountService;
import dev.gatehouse.serviceaccount.ServiceAccountStatus;
import dev.gatehouse.settings.SettingsService;

import org.springframework.stereotype.Service;

/**
 * Opens the view through which a caller reads reports, budgets, exports or time views
 * (SPEC §6.3–6.5). A caller whose project access is restricted reads every project
 * through the service account while it works, and that read is audited with both of them;
 * otherwise they read their own projects only. The service account is asked only whether
 * it works and who it is.
 */
@Service
public class ReportingViews {

	private final ProjectService projects;

	private final ServiceAccountService serviceAccount;

	private final SettingsService settings;

	private final AuditLog audit;

	ReportingViews(ProjectService projects, ServiceAccountService serviceAccount, SettingsService settings,
			AuditLog audit) {
		this.projects = projects;
		this.serviceAccount = serviceAccount;
		this.settings = settings;
		this.audit = audit;
	}

	/**
	 * The caller's view for a read.
	 * @param caller who reads
	 * @param reading what they read, for the audit log, e.g.
	 * {@code Reporting API WorkLogs}
	 * @return the view
	 */
	public ReportingView open(Caller caller, String reading) {
		// SPEC §2.2: no work data for requesters, least of all through the service
		// account.
		caller.requireWorkDataAccess();
		if (!this.projects.restricted(caller)) {
			return new ReportingView(caller, ReportingView.Reach.ALL_PROJECTS, false);
		}
		ServiceAccountStatus status = this.serviceAccount.status();
		if (!status.state().working()) {
			return new ReportingView(caller, ReportingView.Reach.OWN_PROJECTS, false);
		}
		this.audit.elevatedRead(caller, status.userId(), status.login(), reading);
		return new ReportingView(caller, ReportingView.Reach.THROUGH_SERVICE_ACCOUNT,
				this.settings.current().showRestrictedWorkItems());
	}

}
