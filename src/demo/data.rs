//! The content of the demo ISMS of Nordwind Logistik GmbH, as plain tables. Items refer to each
//! other by their reference number (asset 12 is `AS-012`, risk 4 is `R-004`), which equals their
//! position in these tables because the demo fills a new workspace in this order.

use crate::domain::asset::AssetKind as K;
use crate::domain::clause::ClauseStatus as CS;
use crate::domain::document::DocKind;
use crate::domain::methodology::Authority;
use crate::domain::party::PartyKind as P;
use crate::domain::person::{BuiltinRole, CompetenceKind as CK};
use crate::domain::protection::Objective::{
    self, Availability as A, Confidentiality as C, Integrity as I,
};
use crate::domain::risk::{RiskStatus as RS, TreatmentOption as TO};
use crate::domain::scope::{IssueKind, ScopeItemKind as SK};
use crate::domain::soa::{ImplementationStatus as St, Reason as Re};
use crate::domain::treatment::ActionStatus as AS;

pub const ORGANISATION: &str = "Nordwind Logistik GmbH";

// The people named as owners, approvers and acceptors, by the function they have.
const MD: &str = "Karin Nordmann";
const ISB: &str = "Anna Weber";
const CTO: &str = "Markus Brandt";
const CFO: &str = "Sabine Krüger";
const HR: &str = "Julia Schmitt";
const OPS: &str = "Petra Hoffmann";
const SALES: &str = "Thomas Becker";
const SUPPORT: &str = "Lena Vogel";
const DEVOPS: &str = "Felix Wagner";
const IT: &str = "Jonas Klein";
const OFFICE: &str = "Sandra Meyer";
const AUDITOR: &str = "Michael Hartmann";
const DISPATCHER: &str = "Daniel Schulz";
/// Led the Hamburg office until he left on 2026-01-31; AS-027 is still in his name.
const LEFT: &str = "Stefan Koch";

/// P-001 ... P-015: name, function, organisation unit, email, the day they left ("" = still
/// with the company).
#[rustfmt::skip]
pub const PEOPLE: &[(&str, &str, &str, &str, &str)] = &[
    (MD, "Managing Director", "Management", "k.nordmann@nordwind-logistik.de", ""),
    (ISB, "Information Security Officer", "Management", "a.weber@nordwind-logistik.de", ""),
    (CTO, "CTO", "Development", "m.brandt@nordwind-logistik.de", ""),
    (CFO, "CFO", "Finance", "s.krueger@nordwind-logistik.de", ""),
    (HR, "HR Manager", "HR", "j.schmitt@nordwind-logistik.de", ""),
    (OPS, "Head of Operations", "Dispatch", "p.hoffmann@nordwind-logistik.de", ""),
    (SALES, "Head of Sales", "Sales", "t.becker@nordwind-logistik.de", ""),
    (SUPPORT, "Head of Customer Support", "Customer Support", "l.vogel@nordwind-logistik.de", ""),
    (DEVOPS, "Lead DevOps Engineer", "Development", "f.wagner@nordwind-logistik.de", ""),
    (IT, "IT Coordinator", "IT", "j.klein@nordwind-logistik.de", ""),
    (OFFICE, "Office Manager", "Administration", "s.meyer@nordwind-logistik.de", ""),
    (AUDITOR, "Quality Manager", "Management", "m.hartmann@nordwind-logistik.de", ""),
    ("Laura Fischer", "Software Developer", "Development", "l.fischer@nordwind-logistik.de", ""),
    (DISPATCHER, "Dispatcher", "Dispatch (Hamburg)", "d.schulz@nordwind-logistik.de", ""),
    (LEFT, "Team Lead Hamburg Office", "Dispatch (Hamburg)", "", "2026-01-31"),
];

/// The roles the people hold: name, role, from, until ("" = still held).
#[rustfmt::skip]
pub const ROLES_HELD: &[(&str, BuiltinRole, &str, &str)] = &[
    (MD, BuiltinRole::TopManagement, "2018-04-01", ""),
    (MD, BuiltinRole::RiskOwner, "2024-05-01", ""),
    (ISB, BuiltinRole::Isb, "2024-05-01", ""),
    (ISB, BuiltinRole::ControlOwner, "2024-05-01", ""),
    (CTO, BuiltinRole::RiskOwner, "2024-05-01", ""),
    (CTO, BuiltinRole::AssetOwner, "2024-05-01", ""),
    (CTO, BuiltinRole::ControlOwner, "2024-05-01", ""),
    (CFO, BuiltinRole::RiskOwner, "2024-05-01", ""),
    (CFO, BuiltinRole::AssetOwner, "2024-05-01", ""),
    (HR, BuiltinRole::AssetOwner, "2024-05-01", ""),
    (HR, BuiltinRole::ControlOwner, "2024-05-01", ""),
    (OPS, BuiltinRole::RiskOwner, "2024-05-01", ""),
    (OPS, BuiltinRole::AssetOwner, "2024-05-01", ""),
    (SALES, BuiltinRole::AssetOwner, "2024-05-01", ""),
    (SUPPORT, BuiltinRole::AssetOwner, "2024-05-01", ""),
    (DEVOPS, BuiltinRole::AssetOwner, "2024-05-01", ""),
    // Taken on after the owners' briefing, and not briefed since: a documented gap.
    (DEVOPS, BuiltinRole::ControlOwner, "2026-02-01", ""),
    (IT, BuiltinRole::AssetOwner, "2024-05-01", ""),
    (IT, BuiltinRole::ControlOwner, "2024-05-01", ""),
    (OFFICE, BuiltinRole::ControlOwner, "2024-05-01", ""),
    (AUDITOR, BuiltinRole::InternalAuditor, "2025-09-01", ""),
    (LEFT, BuiltinRole::AssetOwner, "2024-05-01", "2026-01-31"),
];

/// Competence shown by a qualification or training for one role: person, role, kind, topic,
/// date, evidence, valid until ("" = no end).
#[rustfmt::skip]
pub const QUALIFICATIONS: &[(&str, BuiltinRole, CK, &str, &str, &str, &str)] = &[
    (MD, BuiltinRole::TopManagement, CK::Training, "ISMS leadership briefing: policy, objectives, risk acceptance", "2025-11-20", "Slides and sign-off in the ISMS folder", ""),
    (ISB, BuiltinRole::Isb, CK::Qualification, "ISO/IEC 27001 Lead Implementer", "2024-06-14", "Certificate no. LI-24-0614 in the HR file", "2027-06-13"),
    (ISB, BuiltinRole::Isb, CK::Experience, "Four years as IT security administrator", "2024-05-01", "CV in the HR file", ""),
    (AUDITOR, BuiltinRole::InternalAuditor, CK::Qualification, "Internal auditor ISO/IEC 27001 (ISO 19011)", "2025-10-09", "Certificate in the HR file", "2028-10-08"),
];

/// The owners' briefing: every risk, asset and control owner on that day attended, and it
/// counts as their evidence for each of those roles. Topic, date, evidence.
pub const OWNER_BRIEFING: (&str, &str, &str) = (
    "Owners' briefing: risk methodology, protection needs and control evidence",
    "2026-01-15",
    "Attendance list in the ISMS folder",
);

/// The yearly awareness sessions: topic, date, evidence. Everyone with the company on the day
/// attended, except those in [`MISSED_AWARENESS`].
#[rustfmt::skip]
pub const AWARENESS: &[(&str, &str, &str)] = &[
    ("Security awareness 2025: phishing and passwords", "2025-02-20", "Attendance list in the HR file"),
    ("Security awareness 2026: phishing, clear desk, reporting incidents", "2026-01-20", "Attendance list in the HR file"),
];

/// Who missed an awareness session: name, the session's date. A documented gap.
pub const MISSED_AWARENESS: &[(&str, &str)] = &[(DISPATCHER, "2026-01-20")];

pub const ISMS_SCOPE: &str = "The ISMS of Nordwind Logistik GmbH covers all business activities of the company: development, operation and sale of the dispatch platform NordDispatch, dispatch services for customers, customer support and the administrative functions (finance, HR, purchasing). It covers the headquarters in Bremen (Überseestadt), the warehouse office in Hamburg-Waltershof, remote work from home offices, and the cloud services used (AWS eu-central-1, Microsoft 365, GitHub, DATEV).\n\nExcluded: the tenants' canteen in the Bremen building, run by the landlord's catering contractor (see S-008).";
pub const CERTIFICATE_SCOPE: &str = "Development, operation and support of the dispatch platform NordDispatch, provided from the headquarters of Nordwind Logistik GmbH in Bremen, in accordance with the Statement of Applicability of 2026-02-10.";
pub const SCOPE_CHANGED: &str = "2026-02-10";

pub struct ScopeRow {
    pub kind: SK,
    pub name: &'static str,
    pub description: &'static str,
    pub in_isms: bool,
    pub in_certificate: bool,
    pub justification: &'static str,
    pub interfaces: &'static str,
}

/// S-001 ... S-008.
pub const SCOPE_ITEMS: &[ScopeRow] = &[
    ScopeRow {
        kind: SK::Location,
        name: "Headquarters Bremen, Überseestadt",
        description: "Head office with 34 workplaces on the third floor of a rented multi-tenant building: management, development, dispatch, support and administration. Server and network room in the ground-floor technical area.",
        in_isms: true,
        in_certificate: true,
        justification: "",
        interfaces: "The landlord (Hafenkontor Immobilien GmbH) runs the main entrance access control, the fire alarm system and the building cabling.",
    },
    ScopeRow {
        kind: SK::Location,
        name: "Warehouse office Hamburg-Waltershof",
        description: "Dispatch desk with four staff inside a customer's cross-dock warehouse, opened in 2025.",
        in_isms: true,
        in_certificate: false,
        justification: "Opened in 2025; its processes are not yet stable enough to be audited. It is covered by the ISMS (policies, risks, managed laptops) and will be added to the certificate scope at the recertification in 2027.",
        interfaces: "Building, physical access and guest Wi-Fi belong to the warehouse operator; our staff connect over the Nordwind VPN only.",
    },
    ScopeRow {
        kind: SK::OrgUnit,
        name: "Software development and operations (DevOps)",
        description: "Twelve developers and two DevOps engineers who build and run NordDispatch.",
        in_isms: true,
        in_certificate: true,
        justification: "",
        interfaces: "Open-source libraries and GitHub; AWS as the hosting provider.",
    },
    ScopeRow {
        kind: SK::Process,
        name: "Dispatch planning and customer support",
        description: "Planning of customers' transports in NordDispatch; support hotline and ticket desk, Monday to Friday 06:00 to 22:00.",
        in_isms: true,
        in_certificate: true,
        justification: "",
        interfaces: "Carriers and telematics providers exchange orders and GPS positions with us by API and e-mail.",
    },
    ScopeRow {
        kind: SK::Product,
        name: "NordDispatch dispatch platform (SaaS)",
        description: "Multi-tenant SaaS for transport order management, tour planning and tracking, used by about 120 customers.",
        in_isms: true,
        in_certificate: true,
        justification: "",
        interfaces: "Customers' ERP and TMS systems connect via REST API; EDI partners via SFTP; hosted on AWS eu-central-1.",
    },
    ScopeRow {
        kind: SK::Technology,
        name: "Cloud and corporate IT (AWS, Microsoft 365, GitHub, laptops)",
        description: "Cloud services and end-user IT used by all staff.",
        in_isms: true,
        in_certificate: true,
        justification: "",
        interfaces: "The external IT service provider WeserIT Service GmbH manages the office network, firewall and file server under contract.",
    },
    ScopeRow {
        kind: SK::OrgUnit,
        name: "Administration: finance, HR and purchasing",
        description: "Supporting functions of the certified service; payroll is outsourced to a payroll bureau.",
        in_isms: true,
        in_certificate: true,
        justification: "",
        interfaces: "Payroll bureau, tax advisor and bank via DATEV and online banking.",
    },
    ScopeRow {
        kind: SK::Location,
        name: "Tenants' canteen, ground floor (catering contractor)",
        description: "Canteen for all tenants of the building.",
        in_isms: false,
        in_certificate: false,
        justification: "Run by the landlord's catering contractor for all tenants; no Nordwind information or systems are processed there and no Nordwind staff work there. Separated from our floors by badge-controlled doors.",
        interfaces: "Staff eat there; the clear-desk rule and the rule not to discuss customer matters in public areas apply.",
    },
];

/// CI-001 ... CI-005.
#[rustfmt::skip]
pub const CONTEXT_ISSUES: &[(IssueKind, &str, &str)] = &[
    (IssueKind::External, "Customers demand ISO/IEC 27001 certification in tenders", "Three of the five largest customers made a certificate a condition for contract renewal in 2026; under NIS2 they must manage the security of their suppliers."),
    (IssueKind::External, "NIS2 implementation in Germany (NIS2UmsuCG)", "Nordwind stays below the size thresholds (40 staff, turnover 6.5 million EUR), but customers that are important or essential entities pass supply-chain requirements on to us. Checked yearly."),
    (IssueKind::External, "Climate change: heat waves and heavy rain in Bremen", "Raised at the 2026 context review; whether it is a relevant issue (ISO/IEC 27001 Amd 1:2024) is not yet decided. The server room lies on the ground floor of a building in the Überseestadt close to the Weser; in summer 2025 the room reached 34 °C and the underground car park flooded after heavy rain. Addressed by R-008, R-009 and the move of the file server to the cloud."),
    (IssueKind::Internal, "Fast growth from 25 to 40 staff since 2024", "Processes are still informal and knowledge sits with few people; onboarding and access management must scale."),
    (IssueKind::Internal, "Dependence on two senior developers and one external IT provider", "Key-person and key-supplier dependencies for deployments and office IT; see R-011 and R-017."),
];

/// IP-001 ... IP-007. Exactly one party's requirements are not yet addressed (IP-007).
#[rustfmt::skip]
pub const PARTIES: &[(P, &str, &str, bool)] = &[
    (P::Customer, "Shippers and freight customers (about 120)", "ISO/IEC 27001 certificate for NordDispatch; 99.5 % availability; GDPR Art. 28 data processing agreement; incident notice within 24 hours; security questionnaires answered within ten working days.", true),
    (P::Regulator, "LfDI Bremen (data protection authority)", "GDPR: records of processing, technical and organisational measures, breach notification within 72 hours, DPIA for the tracking of drivers' positions.", true),
    (P::Regulator, "BSI (Federal Office for Information Security)", "NIS2UmsuCG: check the registration duty every year; follow BSI warnings; state of the art expected by customers that are regulated entities.", true),
    (P::Supplier, "Amazon Web Services EMEA SARL", "Shared responsibility: secure configuration, identities and data are ours; acceptable use policy; handling of abuse reports.", true),
    (P::Employee, "Employees", "Clear rules for remote work and devices; protection of HR and health data; transparency about logging, no covert performance monitoring.", true),
    (P::Shareholder, "Shareholders (Jansen family holding)", "Protect the company's value; certification in 2026 as a growth enabler; no fines or public incidents; operations resilient to extreme weather (climate-related requirement).", true),
    (P::Other, "Cyber insurer (Hanseatische Cyber Versicherung AG)", "MFA on all remote access and e-mail; offline or immutable backups; patches within 30 days; yearly phishing training; incident notice within 48 hours.", false),
];

/// AS-001 ... AS-030: kind, name, owner, classification, scope item number (0 = none),
/// location, description. Primary assets first, then supporting ones, the intangible last.
#[rustfmt::skip]
pub const ASSETS: &[(K, &str, &str, &str, u32, &str, &str)] = &[
    (K::Information, "Customer shipment data", OPS, "confidential", 5, "NordDispatch database (AWS)", "Transport orders, consignee addresses, goods descriptions incl. dangerous goods, delivery status and proof-of-delivery scans of about 120 customers."),
    (K::Information, "Customer master data and contracts", SALES, "confidential", 4, "Microsoft 365, NordDispatch", "Customer contacts, framework contracts, price agreements and data processing agreements."),
    (K::Information, "Employee and HR data", HR, "strictly confidential", 7, "File server HR share; payroll bureau", "Personnel files, salaries, sick notes and bank details of 40 employees."),
    (K::Information, "NordDispatch source code", CTO, "strictly confidential", 3, "GitHub", "Source code, infrastructure as code and CI/CD pipelines of NordDispatch."),
    (K::Information, "Financial records and accounting", CFO, "confidential", 7, "DATEV; file server", "Bookkeeping, annual accounts and bank statements; ten-year retention under HGB and AO (GoBD)."),
    (K::Information, "Carrier and supplier contracts", CFO, "internal", 7, "SharePoint; file server", "Framework agreements with carriers and IT suppliers, including rate cards."),
    (K::Process, "Dispatch planning", OPS, "confidential", 4, "Bremen HQ, Hamburg office", "Daily tour planning and carrier assignment for customers' transports in NordDispatch."),
    (K::Process, "Customer support", SUPPORT, "internal", 4, "Bremen HQ", "Hotline and ticket desk for NordDispatch users."),
    (K::Process, "Software development and release", CTO, "internal", 3, "Bremen HQ, home offices", "Development, code review, CI/CD and weekly releases of NordDispatch."),
    (K::Process, "Payroll", HR, "strictly confidential", 7, "HR office; payroll bureau", "Monthly payroll prepared by HR and processed by the external payroll bureau."),
    (K::Process, "Invoicing", CFO, "confidential", 7, "Bremen HQ", "Monthly invoicing of platform fees and dispatch services from NordDispatch billing data."),
    (K::Software, "NordDispatch SaaS application", CTO, "confidential", 5, "AWS eu-central-1", "Production environment: web application, REST API and PostgreSQL database (Amazon RDS)."),
    (K::CloudService, "AWS account (eu-central-1)", DEVOPS, "confidential", 6, "AWS Frankfurt region", "Production, staging and backup accounts in one AWS organisation."),
    (K::CloudService, "Microsoft 365 tenant", IT, "confidential", 6, "Microsoft EU data boundary", "Exchange Online, Teams, SharePoint and Entra ID for all staff."),
    (K::CloudService, "GitHub organisation (Git hosting)", CTO, "strictly confidential", 6, "GitHub Enterprise Cloud", "Repositories, GitHub Actions CI/CD and package registry."),
    (K::Hardware, "Laptop fleet", IT, "internal", 6, "Bremen, Hamburg, home offices", "42 laptops (Windows 11 and macOS) managed with Intune."),
    (K::Hardware, "On-premises file server", IT, "confidential", 1, "Server room Bremen", "Windows file server with departmental shares (HR, finance, contracts); to be migrated to SharePoint."),
    (K::Site, "Server and network room Bremen", IT, "internal", 1, "Bremen HQ, ground floor", "Rented technical room with rack, firewall, switches, file server and backup NAS; one split air-conditioning unit."),
    (K::Site, "Bremen headquarters site", MD, "internal", 1, "Überseestadt, Bremen", "Rented office floor and ground-floor technical room in a multi-tenant building close to the Weser."),
    (K::Network, "Office network and VPN", IT, "internal", 1, "Bremen HQ, Hamburg office", "LAN, Wi-Fi and client VPN connecting the offices and home offices."),
    (K::Hardware, "Perimeter firewall", IT, "internal", 1, "Server room Bremen", "Firewall with VPN gateway, managed by the external IT service provider."),
    (K::People, "Development team", CTO, "internal", 3, "Bremen HQ, home offices", "Twelve developers and two DevOps engineers; two senior developers hold most of the deployment knowledge."),
    (K::Supplier, "Payroll bureau (Lohnbüro Hansa GmbH)", HR, "strictly confidential", 7, "Bremen", "External payroll processing since 2019, exchanged via DATEV."),
    (K::Supplier, "External IT service provider (WeserIT Service GmbH)", IT, "confidential", 6, "Bremen", "Manages firewall, office network, file server and backups under a service contract."),
    (K::CloudService, "DATEV accounting (Unternehmen online)", CFO, "confidential", 7, "DATEV data centre, Nuremberg", "Accounting and document archive shared with the tax advisor."),
    (K::CloudService, "Helpdesk ticket system (SaaS)", SUPPORT, "internal", 4, "EU SaaS provider", "Support tickets, customer e-mail threads and knowledge base."),
    (K::Site, "Hamburg warehouse office", LEFT, "internal", 2, "Hamburg-Waltershof", "Dispatch desk with four workplaces inside a customer's warehouse."),
    (K::Hardware, "Backup NAS", "", "confidential", 1, "Server room Bremen", "Nightly backup target of the file server, in the same room and network as the server."),
    (K::Hardware, "Legacy FTP server", IT, "internal", 1, "Server room Bremen", "Formerly used for EDI file exchange with carriers; the last two carriers were to move to the API by January 2026. Still switched on."),
    (K::Intangible, "Company reputation", MD, "public", 0, "", "Trust of customers and carriers in Nordwind as a reliable and secure dispatch partner."),
];

/// `(asset, depends_on)` by asset number. Longest chain: AS-007 -> AS-016 -> AS-020 -> AS-021
/// -> AS-018 -> AS-019. Nothing depends on AS-029 (legacy FTP server).
#[rustfmt::skip]
pub const DEPENDENCIES: &[(u32, u32)] = &[
    (1, 12), (2, 12), (2, 14), (3, 17), (3, 23), (4, 15), (4, 16), (5, 25), (5, 17),
    (6, 14), (6, 17), (7, 12), (7, 16), (7, 27), (8, 26), (8, 14), (8, 12),
    (9, 15), (9, 22), (9, 16), (9, 13), (10, 23), (11, 25), (11, 12),
    (12, 13), (16, 20), (17, 18), (17, 20), (17, 28), (17, 24), (20, 21), (20, 18), (20, 24),
    (21, 18), (18, 19), (27, 20), (28, 18), (29, 20),
];

/// Needs by asset number on the scale 1 normal, 2 high, 3 very high. Primary assets and the
/// intangible are rated directly (AS-011 is left out on purpose); the last two rows are
/// justified overrides on supporting assets: a cumulation (AS-013) and a distribution (AS-016).
#[rustfmt::skip]
pub const NEEDS: &[(u32, Objective, u8, &str)] = &[
    (1, C, 2, "Customers' commercial data under NDA and data processing agreement; disclosure breaches contracts."),
    (1, I, 3, "Wrong addresses or dangerous-goods data cause misdeliveries and safety incidents."),
    (1, A, 3, "Dispatch stops within hours without it; 99.5 % SLA with 120 customers."),
    (2, C, 2, "Price agreements are commercially sensitive; contacts are personal data."),
    (2, I, 2, "Wrong prices or contacts lead to billing disputes."),
    (2, A, 2, "Sales and support use it daily; an outage of a day is considerable but manageable."),
    (3, C, 3, "Health and salary data (GDPR Art. 9); a leak harms employees and leads to fines."),
    (3, I, 2, "Errors are corrected in the next payroll run but upset staff."),
    (3, A, 1, "Not needed for daily work; an outage of a week is tolerable."),
    (4, C, 3, "Core intellectual property; a leak hands secrets and weaknesses to competitors and attackers."),
    (4, I, 3, "Tampered code reaches every customer with the next release (supply-chain attack)."),
    (4, A, 2, "Development stops, but production keeps running from the deployed builds."),
    (5, C, 2, "Financial position and bank data; of interest to insiders and competitors."),
    (5, I, 3, "GoBD requires complete and unaltered records; errors lead to tax penalties."),
    (5, A, 1, ""),
    (6, C, 2, "Rate cards are commercially sensitive."),
    (6, I, 2, "Altered contracts weaken our legal position."),
    (6, A, 1, "Rarely accessed; an outage of days is tolerable."),
    (7, C, 2, "Shows customers' volumes and routes."),
    (7, I, 3, "Wrong plans send trucks to the wrong places; contractual penalties."),
    (7, A, 3, "Every hour of outage delays hundreds of shipments; customers would switch provider."),
    (8, C, 2, "Tickets contain customers' personal data and screenshots."),
    (8, I, 2, "Wrong advice leads to misconfiguration at customers."),
    (8, A, 2, "Customers expect an answer within four hours; a day's outage is considerable."),
    (9, C, 2, "Gives access to unreleased features and known weaknesses."),
    (9, I, 3, "A manipulated pipeline ships malicious code to all customers."),
    (9, A, 2, "A release delay of some days is tolerable; hotfixes must stay possible."),
    (10, C, 3, "Salary data of all staff."),
    (10, I, 3, "Wrong payments and filings to tax and social security offices lead to penalties."),
    (10, A, 2, "Salaries must be paid on the last working day of the month."),
    (30, C, 2, "A public breach of customer data would rule us out of tenders for years."),
    (30, I, 2, "False or manipulated statements about us spread fast among carriers and shippers."),
    (30, A, 2, "A platform outage is seen by all customers at once and damages trust."),
    (13, C, 3, "Cumulation: production database, backups and CI deployment keys of all customers sit in one AWS organisation; one compromised admin account exposes everything."),
    (16, A, 1, "Distribution: 42 laptops for 40 staff, so two configured spares are in stock, and all work data lives in Microsoft 365 and GitHub; a failed device is swapped within the hour, so a single failure does not stop dispatch or development."),
];

pub struct RiskRow {
    pub title: &'static str,
    pub description: &'static str,
    pub threat: &'static str,
    pub vulnerability: &'static str,
    pub objectives: &'static [Objective],
    pub owner: &'static str,
    pub assets: &'static [u32],
    /// `(likelihood, impact)` before and after treatment.
    pub inherent: Option<(u8, u8)>,
    pub residual: Option<(u8, u8)>,
    pub treatment: Option<TO>,
    pub rationale: &'static str,
    pub status: RS,
    pub next_review: &'static str,
    /// When it was last assessed (ignored while it is not rated).
    pub assessed_on: &'static str,
    /// Who approved its treatment plan (empty: its owner) and when (empty: not approved).
    pub plan_approved_by: &'static str,
    pub plan_approved_on: &'static str,
}

const fn risk(title: &'static str, owner: &'static str, assets: &'static [u32]) -> RiskRow {
    RiskRow {
        title,
        description: "",
        threat: "",
        vulnerability: "",
        objectives: &[],
        owner,
        assets,
        inherent: None,
        residual: None,
        treatment: None,
        rationale: "",
        status: RS::Identified,
        next_review: "",
        assessed_on: "2026-02-05",
        plan_approved_by: "",
        plan_approved_on: "2026-02-12",
    }
}

/// R-001 ... R-020.
pub const RISKS: &[RiskRow] = &[
    RiskRow {
        description: "Ransomware encrypts the file server, the backup NAS and laptops; office work and invoicing stop, HR and finance data may be leaked.",
        threat: "Ransomware delivered by phishing e-mail or through an exposed remote service.",
        vulnerability: "Backups on a NAS in the same network and room, no offline copy; no EDR on laptops.",
        objectives: &[C, I, A],
        inherent: Some((4, 5)),
        residual: Some((2, 3)),
        treatment: Some(TO::Reduce),
        rationale: "Reduce with immutable offline backups, EDR and awareness training.",
        status: RS::InTreatment,
        next_review: "2026-09-30",
        ..risk("Ransomware on office IT", CTO, &[17, 16, 5])
    },
    RiskRow {
        description: "An attacker gains administrator access to the AWS organisation and reads, encrypts or deletes customer data.",
        threat: "Credential phishing or access keys leaked in a repository or CI log.",
        vulnerability: "Long-lived IAM access keys in CI; MFA not enforced for all IAM users.",
        objectives: &[C, I, A],
        inherent: Some((3, 5)),
        residual: Some((2, 3)),
        treatment: Some(TO::Reduce),
        rationale: "Reduce with single sign-on, MFA and short-lived credentials.",
        status: RS::InTreatment,
        next_review: "2026-09-30",
        ..risk("Takeover of the AWS account", CTO, &[13, 12])
    },
    RiskRow {
        description: "A region-wide failure of AWS eu-central-1 takes NordDispatch offline for more than a day.",
        threat: "Outage of the cloud region (power, network, provider error).",
        vulnerability: "Single-region deployment; database not multi-AZ; failover never tested.",
        objectives: &[A],
        inherent: Some((2, 4)),
        // Still high until the cross-region failover is tested: RISK-013 while T-004 is open.
        residual: Some((2, 4)),
        treatment: Some(TO::Reduce),
        rationale: "Reduce with multi-AZ database, cross-region backups and a yearly DR test.",
        status: RS::InTreatment,
        next_review: "2026-12-31",
        ..risk("Long outage of the AWS region", DEVOPS, &[12, 13, 7])
    },
    RiskRow {
        description: "A customer reads another customer's shipment data through the API.",
        threat: "Exploitation of broken object-level authorisation in the customer API.",
        vulnerability: "Authorisation checks implemented per endpoint; no automated security testing.",
        objectives: &[C, I],
        inherent: Some((3, 4)),
        residual: Some((2, 3)),
        treatment: Some(TO::Reduce),
        rationale: "Reduce with yearly penetration tests and static analysis in CI.",
        status: RS::InTreatment,
        next_review: "2026-10-31",
        ..risk(
            "Leak of customer shipment data through the API",
            CTO,
            &[1, 12],
        )
    },
    RiskRow {
        description: "A compromised open-source package introduces malicious code into NordDispatch.",
        threat: "Malicious package version published by an attacker (software supply chain).",
        vulnerability: "Dependencies updated without review; no software composition analysis.",
        objectives: &[C, I],
        inherent: Some((3, 4)),
        residual: Some((2, 3)),
        treatment: Some(TO::Reduce),
        rationale: "Reduce with dependency scanning, pinned versions and review of updates.",
        status: RS::InTreatment,
        next_review: "2026-10-31",
        ..risk("Malicious open-source dependency", CTO, &[4, 9, 15])
    },
    RiskRow {
        description: "A mailbox is taken over and used to redirect customer payments or order fraudulent transfers.",
        threat: "Business e-mail compromise after phishing.",
        vulnerability: "Legacy authentication was allowed; no phishing training in 2025.",
        objectives: &[C, I],
        inherent: Some((4, 4)),
        residual: Some((2, 3)),
        treatment: Some(TO::Reduce),
        rationale: "Reduce with conditional access, MFA and phishing simulations.",
        status: RS::InTreatment,
        next_review: "2026-09-30",
        ..risk(
            "Invoice fraud through a compromised mailbox",
            CFO,
            &[14, 5, 11],
        )
    },
    RiskRow {
        description: "A laptop with source code or customer data is lost or stolen.",
        threat: "Theft from a car or train; loss on travel.",
        vulnerability: "Two older laptops were not encrypted.",
        objectives: &[C],
        inherent: Some((3, 3)),
        residual: Some((2, 2)),
        treatment: Some(TO::Reduce),
        rationale: "Reduced by MDM with enforced disk encryption and remote wipe (done).",
        status: RS::Assessed,
        next_review: "2027-01-31",
        // Medium risks are reviewed every 12 months: due on 2026-03-15 (RISK-009).
        assessed_on: "2025-03-15",
        ..risk("Loss or theft of a laptop", IT, &[16, 4])
    },
    RiskRow {
        description: "During a heat wave the server room overheats and the file server and firewall fail.",
        threat: "Heat wave above 35 °C (climate change) with failure of the only air-conditioning unit.",
        vulnerability: "One split AC unit; no temperature alarm; room temperature reached 34 °C in 2025.",
        objectives: &[A, I],
        inherent: Some((3, 3)),
        residual: Some((2, 2)),
        treatment: Some(TO::Reduce),
        rationale: "Reduce with a temperature alarm and a second AC unit until the server room is retired.",
        status: RS::InTreatment,
        next_review: "2026-07-31",
        ..risk(
            "Overheating of the server room in a heat wave",
            OPS,
            &[18, 17, 21],
        )
    },
    RiskRow {
        description: "Heavy rain or a storm surge floods the ground-floor server room.",
        threat: "Heavy rain or storm surge of the Weser (climate change).",
        vulnerability: "Server room on the ground floor; no water sensor; equipment on the floor level of the rack.",
        objectives: &[A],
        inherent: Some((2, 4)),
        residual: Some((1, 2)),
        treatment: Some(TO::Avoid),
        rationale: "Avoid: move the file server to SharePoint Online and retire the server room; only network equipment remains on site.",
        status: RS::InTreatment,
        next_review: "2026-11-30",
        ..risk("Flooding of the server room", MD, &[18, 19])
    },
    RiskRow {
        description: "A breach or failure at the payroll bureau exposes salary data or delays salaries.",
        threat: "Cyber attack on, or insolvency of, the payroll bureau.",
        vulnerability: "Contract from 2019 without security clauses; supplier never reviewed.",
        objectives: &[C, A],
        inherent: Some((2, 4)),
        residual: Some((2, 3)),
        treatment: Some(TO::Reduce),
        rationale: "Reduce with a security addendum and a yearly supplier review.",
        status: RS::InTreatment,
        next_review: "2026-10-31",
        // T-012 planned, the plan not yet approved by HR (RISK-014).
        plan_approved_on: "",
        ..risk("Security incident at the payroll bureau", HR, &[23, 3, 10])
    },
    RiskRow {
        description: "One of the two senior developers leaves and deployments and incident handling stall.",
        threat: "Resignation or long illness of a key developer.",
        vulnerability: "Deployment and recovery knowledge is not documented.",
        objectives: &[A, I],
        inherent: Some((3, 3)),
        residual: Some((2, 3)),
        treatment: Some(TO::Reduce),
        rationale: "Reduce by documenting runbooks and rotating on-call duties.",
        status: RS::Assessed,
        next_review: "2026-09-30",
        ..risk("Loss of key developers", CTO, &[22, 4, 9])
    },
    RiskRow {
        description: "Staff outside HR read personnel files on the file server.",
        threat: "Curious or malicious insider.",
        vulnerability: "Share permissions grown over years; 'Everyone' had read access to the HR folder.",
        objectives: &[C],
        inherent: Some((3, 4)),
        residual: Some((1, 4)),
        treatment: Some(TO::Reduce),
        rationale: "Reduced by a permission clean-up and quarterly access reviews (done).",
        status: RS::Assessed,
        next_review: "2027-01-31",
        ..risk("Unauthorised access to HR data", HR, &[3, 17])
    },
    RiskRow {
        description: "An e-mail with customer data is sent to the wrong recipient.",
        threat: "Human error (autocomplete of addresses).",
        vulnerability: "No data leakage prevention for e-mail.",
        objectives: &[C],
        inherent: Some((4, 2)),
        residual: Some((4, 2)),
        treatment: Some(TO::Accept),
        rationale: "Accept: medium and within the acceptance criteria; DLP is not proportionate for 40 staff, awareness training covers it.",
        status: RS::Accepted,
        next_review: "2027-03-31",
        ..risk("Misdirected e-mail with customer data", SALES, &[2, 14])
    },
    RiskRow {
        description: "The legacy FTP server with an unpatched service and cleartext passwords is compromised.",
        threat: "Attack on the internet-facing FTP service.",
        vulnerability: "Outdated FTP software; cleartext credentials; access limited to two carriers' IP addresses.",
        objectives: &[C, I],
        inherent: Some((3, 3)),
        residual: Some((2, 3)),
        treatment: Some(TO::Accept),
        rationale: "Accepted temporarily until the last two carriers move to the API.",
        status: RS::Accepted,
        next_review: "2026-07-31",
        ..risk("Compromise of the legacy FTP server", IT, &[29])
    },
    RiskRow {
        description: "A major cyber incident causes costs for forensics, recovery, business interruption and customer claims.",
        threat: "Any major cyber attack.",
        vulnerability: "Limited own resources for incident response and recovery.",
        objectives: &[C, I, A],
        inherent: Some((2, 5)),
        residual: Some((2, 3)),
        treatment: Some(TO::Transfer),
        rationale: "Transfer the financial impact to the cyber insurance policy (sum insured 2 million EUR, incl. incident response hotline).",
        status: RS::Assessed,
        next_review: "2026-12-31",
        ..risk("Financial loss from a major cyber incident", CFO, &[])
    },
    RiskRow {
        description: "Customers that are subject to NIS2 drop Nordwind in tenders because security requirements are not met or not shown.",
        threat: "Stricter supplier requirements of regulated customers.",
        vulnerability: "Answers to security questionnaires were slow and inconsistent.",
        objectives: &[A],
        inherent: Some((3, 3)),
        residual: Some((2, 2)),
        treatment: Some(TO::Reduce),
        rationale: "Reduced by a questionnaire process with approved standard answers (done) and certification.",
        status: RS::Assessed,
        next_review: "2026-12-31",
        ..risk(
            "Loss of tenders over supply-chain security requirements",
            MD,
            &[],
        )
    },
    RiskRow {
        description: "The IT service provider uses one shared administrator account for firewall, network and file server; misuse or a compromise at the provider would go unnoticed.",
        threat: "Compromise of the IT service provider or misuse by one of its staff.",
        vulnerability: "Shared admin account; no logging of admin sessions; no contractual right to audit.",
        objectives: &[C, I, A],
        inherent: Some((3, 4)),
        residual: Some((3, 4)),
        status: RS::Assessed,
        next_review: "2026-07-31",
        ..risk(
            "Misuse of the IT service provider's administrator access",
            IT,
            &[24, 20, 17],
        )
    },
    RiskRow {
        description: "Dispatch documents and screens with customer data are seen by warehouse staff and visitors at the Hamburg office.",
        threat: "Unauthorised viewing in a shared warehouse environment.",
        vulnerability: "Open desk in the warehouse; printouts left on desks; screens not locked.",
        objectives: &[C],
        inherent: Some((3, 2)),
        residual: Some((2, 2)),
        treatment: Some(TO::Reduce),
        rationale: "Reduce with clear-desk and screen-lock rules and a lockable cabinet.",
        status: RS::InTreatment,
        next_review: "2026-09-30",
        // No risk owner yet: the managing director approved the plan.
        plan_approved_by: MD,
        ..risk(
            "Exposure of dispatch data at the Hamburg office",
            "",
            &[27, 1],
        )
    },
    RiskRow {
        description: "A denial-of-service attack makes the NordDispatch API unavailable.",
        threat: "DDoS attack, possibly with extortion.",
        vulnerability: "API directly reachable without rate limiting.",
        objectives: &[A],
        inherent: Some((3, 3)),
        // Stays high with T-017 done, and nobody accepted it (RISK-012).
        residual: Some((3, 3)),
        treatment: Some(TO::Reduce),
        rationale: "Reduced by AWS WAF rate-based rules and CloudFront (done); volumetric attacks beyond Shield Standard remain.",
        status: RS::Assessed,
        next_review: "2027-02-28",
        ..risk("Denial of service against NordDispatch", DEVOPS, &[12])
    },
    RiskRow {
        description: "New obligations of the EU Data Act for telematics data shared with customers; not yet analysed.",
        threat: "Regulatory change.",
        next_review: "2026-07-15",
        ..risk("EU Data Act obligations for telematics data", ISB, &[])
    },
];

pub struct ActionRow {
    pub title: &'static str,
    pub description: &'static str,
    pub risks: &'static [u32],
    pub controls: &'static [&'static str],
    pub owner: &'static str,
    pub due: &'static str,
    pub status: AS,
}

/// T-001 ... T-017. Exactly one is overdue on 2026-03-31 (T-010); every other open action is
/// due after 2026-06-30.
#[rustfmt::skip]
pub const ACTIONS: &[ActionRow] = &[
    ActionRow { title: "Immutable offline backup for file server and NAS", description: "Cloud backup with object lock (90 days) plus a weekly offline copy; restore test every quarter.", risks: &[1], controls: &["8.13"], owner: IT, due: "2026-07-31", status: AS::InProgress },
    ActionRow { title: "Roll out EDR on all laptops and servers", description: "Microsoft Defender for Endpoint P2 with alerts to the IT service provider.", risks: &[1], controls: &["8.7"], owner: IT, due: "2026-09-30", status: AS::Planned },
    ActionRow { title: "AWS single sign-on, MFA and removal of long-lived access keys", description: "IAM Identity Center linked to Entra ID; CI uses OIDC roles instead of access keys.", risks: &[2], controls: &["5.16", "5.17", "5.18", "8.2", "8.5"], owner: DEVOPS, due: "2026-08-31", status: AS::InProgress },
    ActionRow { title: "Multi-AZ database, cross-region backups and yearly DR test", description: "RDS multi-AZ, snapshot copies to eu-west-1, documented and tested recovery.", risks: &[3], controls: &["5.30", "8.14", "8.13"], owner: DEVOPS, due: "2026-12-15", status: AS::Planned },
    ActionRow { title: "Yearly external penetration test of NordDispatch", description: "Test of web application and API by an accredited provider; findings tracked in Jira.", risks: &[4], controls: &["8.29"], owner: CTO, due: "2025-11-30", status: AS::Done },
    ActionRow { title: "Static analysis and dependency scanning in CI", description: "CodeQL and dependency review in GitHub Actions; merge blocked on high findings.", risks: &[4, 5], controls: &["8.25", "8.28", "8.8"], owner: CTO, due: "2026-07-15", status: AS::InProgress },
    ActionRow { title: "Phishing awareness programme with quarterly simulations", description: "E-learning for all staff and four phishing simulations per year.", risks: &[1, 6], controls: &["6.3"], owner: ISB, due: "2026-11-30", status: AS::InProgress },
    ActionRow { title: "Conditional access: MFA for all Microsoft 365 users", description: "MFA enforced, legacy authentication blocked, sign-ins from outside the EU blocked.", risks: &[6], controls: &["8.5", "5.17"], owner: IT, due: "2025-10-31", status: AS::Done },
    ActionRow { title: "Intune MDM with enforced disk encryption and screen lock", description: "All laptops enrolled; BitLocker and FileVault enforced; remote wipe tested.", risks: &[7], controls: &["8.1", "8.24"], owner: IT, due: "2025-09-30", status: AS::Done },
    ActionRow { title: "Temperature alarm and second air-conditioning unit for the server room", description: "Temperature sensor with SMS alarm; redundant AC unit before the summer.", risks: &[8], controls: &["7.5", "7.11"], owner: OFFICE, due: "2026-03-15", status: AS::InProgress },
    ActionRow { title: "Migrate the file server to SharePoint Online and retire the server room", description: "Move departmental shares with permissions; decommission file server and backup NAS.", risks: &[9], controls: &["5.23", "8.13"], owner: IT, due: "2026-10-31", status: AS::Planned },
    ActionRow { title: "Security addendum and yearly review for the payroll bureau", description: "Contract addendum with security clauses and audit right; first review with the C-002 questionnaire.", risks: &[10], controls: &["5.20", "C-002"], owner: HR, due: "2026-09-30", status: AS::Planned },
    ActionRow { title: "Clean up file-server permissions and review access quarterly", description: "Remove 'Everyone' permissions; owners confirm access lists each quarter.", risks: &[12], controls: &["5.15", "5.18"], owner: IT, due: "2026-01-20", status: AS::Done },
    ActionRow { title: "Customer security questionnaire process", description: "Library of approved standard answers; ISB reviews every answer before it is sent.", risks: &[16], controls: &["C-001", "5.31"], owner: ISB, due: "2026-02-27", status: AS::Done },
    ActionRow { title: "Clear desk and screen lock rules for the Hamburg office", description: "Lockable cabinet, privacy filters and a short briefing for the Hamburg staff.", risks: &[18], controls: &["7.7", "8.1"], owner: OPS, due: "2026-07-31", status: AS::Planned },
    ActionRow { title: "Evaluate LTO tape backup", description: "Cancelled in November 2025: superseded by the cloud backup with object lock (T-001).", risks: &[1], controls: &["8.13"], owner: IT, due: "2025-12-31", status: AS::Cancelled },
    ActionRow { title: "AWS WAF rate-based rules and CloudFront in front of the API", description: "Rate limits per customer; Shield Standard; alarms on blocked requests.", risks: &[19], controls: &["8.20", "8.6"], owner: DEVOPS, due: "2026-02-15", status: AS::Done },
];

/// Acceptances: risk number, accepted by, authority, accepted on, until, note. The store records
/// the level from the methodology and checks the authority against it (both risks are medium:
/// the information security officer or higher). The second one has expired by 2026-03-31.
#[rustfmt::skip]
pub const ACCEPTANCES: &[(u32, &str, Authority, &str, &str, &str)] = &[
    (
        13,
        MD,
        Authority::TopManagement,
        "2026-03-10",
        "2027-03-31",
        "Accepted for one year; the residual risk lies within the acceptance criteria. Review with the next risk assessment.",
    ),
    (
        14,
        MD,
        Authority::TopManagement,
        "2025-02-03",
        "2026-01-31",
        "Temporary acceptance until the last two carriers move to the API (planned for January 2026); FTP restricted to their IP addresses.",
    ),
    (
        15,
        MD,
        Authority::TopManagement,
        "2026-02-20",
        "",
        "What the cyber insurance does not cover is accepted; no end date agreed.",
    ),
];

/// C-001 and C-002: title, description, source, covered Annex A controls.
#[rustfmt::skip]
pub const CUSTOM_CONTROLS: &[(&str, &str, &str, &[&str])] = &[
    ("Customer security questionnaire process", "Security questionnaires from customers and tenders are answered from an approved answer library and reviewed by the ISB.", "customer requirement", &["5.20"]),
    ("NIST CSF GV.SC supplier risk review", "Yearly risk review of critical suppliers following NIST CSF 2.0 GV.SC, as requested by two US customers.", "NIST CSF 2.0", &["5.19", "5.21"]),
];

/// Control, reasons, status, owner, justification, evidence.
pub type SoaRow = (
    &'static str,
    &'static [Re],
    St,
    &'static str,
    &'static str,
    &'static str,
);

/// SoA decisions for applicable controls (Annex A and custom), as they stand now. Controls that
/// treatment actions implement are all here.
#[rustfmt::skip]
pub const SOA_APPLICABLE: &[SoaRow] = &[
    ("5.1", &[Re::Contractual, Re::Business], St::Implemented, ISB, "Policy framework required by the ISMS and by customer contracts.", "D-001 Information security policy v2.0, approved 2026-01-12"),
    ("5.2", &[Re::Business], St::Implemented, MD, "Clear security roles (ISB, risk owners, asset owners) in a 40-person company.", "D-002 Roles and responsibilities v1.1; ISB appointment 2024-05"),
    ("5.3", &[Re::Business], St::Partial, CFO, "Payment releases and production deployments need a second person.", "Dual control in online banking; GitHub branch protection"),
    ("5.4", &[Re::Business], St::Implemented, MD, "Management requires all staff to follow the policies.", "Management review minutes 2025-11; policy acknowledgements"),
    ("5.5", &[Re::Legal], St::Implemented, ISB, "Breach notification to LfDI Bremen; police cybercrime contact.", "D-006 Incident response procedure, contact list"),
    ("5.6", &[Re::Business], St::Implemented, ISB, "Threat information from BSI and the Allianz für Cyber-Sicherheit.", "Membership Allianz für Cyber-Sicherheit; CERT-Bund newsletter"),
    ("5.7", &[Re::Business], St::Partial, ISB, "Attacks on logistics platforms are increasing; warnings must reach DevOps quickly.", "BSI warnings and AWS bulletins routed to the security channel"),
    ("5.8", &[Re::Business], St::Partial, CTO, "Customer projects and new features consider security from the start.", "Security checklist in the Jira epic template"),
    ("5.9", &[Re::Business], St::Implemented, ISB, "The asset inventory is the base of the risk assessment.", "Asset register in this workspace; Intune device inventory"),
    ("5.10", &[Re::Business], St::Implemented, ISB, "Rules for the use of information and IT.", "D-003 Acceptable use and mobile devices policy v1.2, signed by all staff"),
    ("5.11", &[Re::Business], St::Implemented, HR, "Devices and badges are returned when staff leave.", "Offboarding checklist; records of 2025 leavers"),
    ("5.12", &[Re::Contractual, Re::Business], St::Implemented, ISB, "Customers require their data to be classified as confidential.", "D-010 Classification scheme v1.0"),
    ("5.13", &[Re::Contractual], St::Partial, ISB, "Documents for customers carry their classification.", "Labelled templates in SharePoint; e-mail labels pending"),
    ("5.14", &[Re::Contractual, Re::Legal], St::Implemented, CTO, "Shipment data is exchanged with customers and carriers by API, SFTP and e-mail.", "TLS 1.2 or higher only; D-004 section 6"),
    ("5.15", &[Re::Contractual, Re::Business], St::Implemented, ISB, "Need-to-know access to customer and HR data.", "D-004 Access control policy v1.3; access review 2026-01"),
    ("5.16", &[Re::Business], St::Partial, IT, "Central identities in Entra ID; AWS still has local IAM users.", "Entra ID user lifecycle; AWS single sign-on in T-003"),
    ("5.17", &[Re::Business], St::Partial, IT, "Passwords and keys protect every cloud service.", "Password manager for all staff; AWS access keys pending (T-003)"),
    ("5.18", &[Re::Business], St::Partial, IT, "Access rights are granted, reviewed and revoked on role changes.", "Quarterly file-server review; AWS and GitHub reviews pending"),
    ("5.19", &[Re::Contractual, Re::Business], St::Partial, CFO, "Core services depend on AWS, Microsoft, GitHub and the IT service provider.", "D-005 Supplier security policy v1.0; supplier list with criticality"),
    ("5.20", &[Re::Contractual, Re::Legal], St::Partial, CFO, "Supplier contracts need security clauses and GDPR Art. 28 terms.", "Data processing agreements with all processors; payroll addendum pending (T-012)"),
    ("5.22", &[Re::Business], St::Partial, CFO, "Supplier services and changes are reviewed.", "Yearly review of AWS and WeserIT 2025"),
    ("5.23", &[Re::Contractual, Re::Business], St::Partial, CTO, "NordDispatch runs entirely on AWS; office IT moves to Microsoft 365.", "Cloud section in D-005; AWS shared responsibility matrix"),
    ("5.24", &[Re::Legal, Re::Contractual], St::Implemented, ISB, "Customers and the GDPR require prepared incident handling.", "D-006 Incident response procedure v1.1; on-call rota"),
    ("5.25", &[Re::Business], St::Implemented, ISB, "Security events are triaged the same way every time.", "D-006 triage matrix; ticket category 'security event'"),
    ("5.26", &[Re::Legal, Re::Contractual], St::Implemented, ISB, "Incidents are contained and customers informed within 24 hours.", "D-006; incident records 2025"),
    ("5.27", &[Re::Business], St::Implemented, ISB, "Lessons are learned from every incident.", "Post-incident reviews 2025"),
    ("5.28", &[Re::Legal], St::Partial, ISB, "Evidence may be needed for claims or the police.", "CloudTrail kept 90 days; no forensic procedure yet"),
    ("5.29", &[Re::Contractual], St::Partial, OPS, "Dispatch must keep running securely during disruptions.", "D-007 Business continuity plan v0.9 (draft)"),
    ("5.30", &[Re::Contractual], St::Planned, DEVOPS, "99.5 % availability agreed with customers.", ""),
    ("5.31", &[Re::Legal, Re::Contractual], St::Implemented, ISB, "GDPR, HGB and AO retention, NIS2 supply-chain demands and customer contracts.", "Legal register 2026-01; questionnaire process C-001"),
    ("5.32", &[Re::Legal], St::Implemented, CTO, "Licences of open-source components and purchased software.", "Licence scan in CI; Microsoft 365 licence overview"),
    ("5.33", &[Re::Legal], St::Implemented, CFO, "Accounting records must be kept for ten years (GoBD).", "D-016 Records retention schedule; DATEV archive"),
    ("5.34", &[Re::Legal, Re::Contractual], St::Implemented, ISB, "GDPR: shipment and HR data; processor for customers (Art. 28).", "Records of processing activities; reports of the external DPO 2025"),
    ("5.35", &[Re::Contractual, Re::Business], St::Planned, ISB, "Independent review before the certification audit; external pre-audit planned for May 2026.", ""),
    ("5.36", &[Re::Business], St::Partial, ISB, "Compliance with the policies is checked.", "Internal audit 2025 (partial)"),
    ("5.37", &[Re::Business], St::Implemented, DEVOPS, "Operation of NordDispatch follows documented runbooks.", "D-014 Operations handbook; runbooks in the repository"),
    ("6.1", &[Re::Contractual, Re::Business], St::Implemented, HR, "Key customers require screening of staff with production access.", "Certificates of good conduct for DevOps staff in HR files"),
    ("6.2", &[Re::Business], St::Implemented, HR, "Security duties are part of the employment contract.", "Employment contract template 2024, clause 12"),
    ("6.3", &[Re::Contractual, Re::Business], St::Partial, ISB, "All staff need awareness; phishing is the main attack path.", "Onboarding training records; simulations in T-007"),
    ("6.4", &[Re::Legal, Re::Business], St::Implemented, HR, "A fair process for policy violations under German labour law.", "D-013 HR security procedure, section 5"),
    ("6.5", &[Re::Business], St::Implemented, HR, "Confidentiality continues after employment ends.", "Contract clause 12.4; offboarding checklist"),
    ("6.6", &[Re::Contractual], St::Implemented, HR, "NDAs with staff, freelancers and visitors.", "NDA template v2; signed NDAs in HR files"),
    ("6.7", &[Re::Business], St::Implemented, ISB, "Most staff work from home two days a week.", "D-003 section 4 remote work; VPN and MDM"),
    ("6.8", &[Re::Legal, Re::Business], St::Implemented, ISB, "Staff report events quickly (GDPR 72 hours).", "security@ mailbox and Teams form; awareness slides"),
    ("7.1", &[Re::Business], St::Implemented, MD, "Office floor and server room need defined perimeters.", "Floor plan with zones; lease annex on building security"),
    ("7.2", &[Re::Business], St::Implemented, OFFICE, "Badge access to the office floor and the server room.", "Badge system logs (landlord); key register"),
    ("7.3", &[Re::Business], St::Implemented, OFFICE, "Offices and meeting rooms hold customer documents.", "Lockable rooms and cabinets; inspection 2025-10"),
    ("7.4", &[Re::Business], St::Partial, OFFICE, "Server room and office floor outside business hours.", "Landlord's intrusion alarm; server room door not yet monitored"),
    ("7.5", &[Re::Business], St::Partial, OFFICE, "Heat waves and heavy rain threaten the ground-floor server room (climate change).", "Fire extinguisher inspection 2025; temperature alarm pending (T-010)"),
    ("7.6", &[Re::Business], St::Implemented, IT, "Work in the server room by IT staff and WeserIT only.", "Server room access list; visitor log"),
    ("7.7", &[Re::Business], St::Partial, OFFICE, "Dispatch desks show customer data in an open-plan office.", "D-003 section 3; Hamburg rules pending (T-015)"),
    ("7.8", &[Re::Business], St::Implemented, IT, "Rack, firewall and NAS placed and protected in the server room.", "Rack plan; UPS"),
    ("7.9", &[Re::Business], St::Implemented, IT, "Laptops are used at home and on travel.", "Intune encryption compliance report"),
    ("7.11", &[Re::Business], St::Partial, IT, "Power and cooling of the server room.", "UPS test 2025-09; second AC unit pending (T-010)"),
    // A documented gap: said to be implemented, no evidence named (SOA-007).
    ("7.13", &[Re::Business], St::Implemented, IT, "Maintenance of UPS, AC unit and firewall.", ""),
    ("7.14", &[Re::Legal, Re::Business], St::Implemented, IT, "Disposal of laptops and disks with customer and HR data (GDPR).", "Certificates of destruction 2025"),
    ("8.1", &[Re::Business], St::Implemented, IT, "Laptops hold source code and customer data.", "Intune compliance report 2026-03; D-003"),
    ("8.2", &[Re::Business], St::Partial, DEVOPS, "Administrator rights in AWS, Microsoft 365 and GitHub.", "Admin list in the D-004 annex; AWS clean-up in T-003"),
    ("8.3", &[Re::Contractual], St::Implemented, CTO, "Tenant separation and role-based access in NordDispatch.", "Tenant isolation tests in CI; penetration test report 2025-11"),
    ("8.4", &[Re::Business], St::Implemented, CTO, "The source code is core intellectual property.", "GitHub teams and branch protection; access review 2025-12"),
    ("8.5", &[Re::Contractual, Re::Business], St::Partial, IT, "MFA is required by customers and the cyber insurer.", "Microsoft 365 conditional access (T-008); AWS MFA pending (T-003)"),
    ("8.6", &[Re::Contractual], St::Implemented, DEVOPS, "The SLA needs capacity for peak seasons.", "CloudWatch dashboards; autoscaling; WAF rate limits (T-017)"),
    ("8.7", &[Re::Business], St::Partial, IT, "Malware protection on laptops and servers.", "Microsoft Defender active on all devices; EDR in T-002"),
    ("8.8", &[Re::Contractual, Re::Business], St::Partial, DEVOPS, "Vulnerabilities in the platform, its dependencies and office IT.", "Dependabot alerts; patch policy 30 days"),
    ("8.9", &[Re::Business], St::Implemented, DEVOPS, "Infrastructure as code for AWS; baselines for laptops.", "Terraform repository; Intune security baselines"),
    ("8.10", &[Re::Legal, Re::Contractual], St::Partial, CTO, "Customer data must be deleted at contract end (GDPR, DPA).", "Tenant deletion routine and log; file server not covered yet"),
    ("8.12", &[Re::Contractual], St::NotStarted, CTO, "Customers expect protection of shipment data against leakage.", ""),
    ("8.13", &[Re::Contractual, Re::Business], St::Partial, IT, "Backups of the NordDispatch database and of office data.", "Daily RDS snapshots; D-009 Backup concept"),
    ("8.14", &[Re::Contractual], St::Partial, DEVOPS, "The 99.5 % SLA needs redundancy.", "Application servers in several availability zones"),
    ("8.15", &[Re::Contractual, Re::Legal], St::Implemented, DEVOPS, "Logs of access to customer data; evidence for incidents.", "CloudTrail and application audit log; D-012 Logging concept"),
    ("8.16", &[Re::Business], St::Partial, DEVOPS, "Anomalies in the platform and the office network must be detected.", "CloudWatch alarms and GuardDuty; office network not monitored"),
    ("8.17", &[Re::Business], St::Implemented, DEVOPS, "Consistent timestamps for logs and delivery records.", "AWS Time Sync; Windows time service"),
    ("8.18", &[Re::Business], St::Implemented, IT, "Administrative tools are restricted.", "No local admin rights for staff (Intune); admin accounts only"),
    ("8.19", &[Re::Business], St::Implemented, DEVOPS, "Software reaches production only through CI/CD.", "Immutable container images; deployment pipeline"),
    ("8.20", &[Re::Business], St::Implemented, IT, "Office network, VPN and AWS VPCs.", "Firewall rule review 2025-10; VPCs in Terraform; WAF (T-017)"),
    ("8.21", &[Re::Contractual], St::Implemented, IT, "Network services from the IT service provider and the ISP.", "SLA with WeserIT; ISP contract"),
    ("8.22", &[Re::Business], St::Implemented, IT, "Guest Wi-Fi, office LAN and server VLAN; production separate from staging.", "VLAN plan; separate AWS accounts"),
    ("8.23", &[Re::Business], St::Partial, IT, "Protection of laptops against malicious websites.", "Defender SmartScreen; DNS filter planned"),
    ("8.24", &[Re::Contractual, Re::Legal], St::Implemented, CTO, "Encryption of customer data at rest and in transit.", "D-011 Cryptography guideline; KMS keys; BitLocker and FileVault"),
    ("8.25", &[Re::Contractual, Re::Business], St::Partial, CTO, "NordDispatch is developed in-house.", "D-008 Secure development guideline v1.0"),
    ("8.26", &[Re::Contractual], St::Implemented, CTO, "Security requirements from customers' tenders.", "Requirement checklist in Jira"),
    ("8.27", &[Re::Business], St::Implemented, CTO, "Principles for the multi-tenant architecture.", "Architecture decision records in the repository"),
    ("8.28", &[Re::Business], St::Partial, CTO, "Secure coding for the platform.", "Mandatory code review; secure coding training 2025"),
    ("8.29", &[Re::Contractual], St::Implemented, CTO, "Security tests before release; customers require a yearly penetration test.", "Penetration test report 2025-11 (T-005); integration tests"),
    ("8.31", &[Re::Business], St::Implemented, DEVOPS, "Separate AWS accounts for development, staging and production.", "AWS organisation structure; Terraform"),
    ("8.32", &[Re::Business], St::Implemented, CTO, "Platform changes by pull request; infrastructure changes approved.", "D-015 Change management procedure; pull request history"),
    ("8.33", &[Re::Contractual, Re::Legal], St::Implemented, CTO, "No production personal data in test systems (GDPR).", "Synthetic test-data generator; D-008 section 7"),
    ("8.34", &[Re::Business], St::NotStarted, ISB, "Customer audits and penetration tests on production must be planned with care.", ""),
    ("C-001", &[Re::Contractual], St::Implemented, ISB, "Customers send security questionnaires with every tender.", "Standard answer library v3; questionnaire log 2025-2026 (T-014)"),
    ("C-002", &[Re::Business], St::Planned, CFO, "Two US customers ask for a NIST CSF based supplier review.", ""),
];

/// Excluded Annex A controls: control, justification of the exclusion, the custom control that
/// covers it ("" for none). 7.12 has neither; 5.21 is covered by C-002.
#[rustfmt::skip]
pub const SOA_EXCLUDED: &[(&str, &str, &str)] = &[
    ("5.21", "Covered by C-002: the yearly NIST CSF GV.SC supplier risk review includes the ICT supply chain of NordDispatch (AWS, Microsoft, GitHub and the open-source dependencies).", "C-002"),
    ("7.10", "No removable storage media are used in the scope: USB mass storage is blocked on all laptops by Intune, backups go to the NAS and the cloud, tape backup was dropped (T-016).", ""),
    ("7.12", "", ""),
    ("8.11", "Production data never leaves production: test and staging use synthetic data (see 8.33) and support staff see production data only through their role. No use case for data masking remains in the scope.", ""),
    ("8.30", "No development is outsourced: NordDispatch and all internal tools are developed by our own employees (checked against the supplier list in January 2026); no freelancers develop for us.", ""),
];

/// The SoA version issued in the demo: approver, date, note.
pub const SOA_V1: (&str, &str, &str) = (
    MD,
    "2026-02-10",
    "Approved together with the ISMS scope for the certification audit.",
);

/// The decisions of the controls that changed after v1, as v1 recorded them: written first,
/// then v1 is issued, then the current decisions above replace them. Since v1, A.5.21 was
/// excluded as covered by C-002, A.8.12 (undecided in v1, see [`UNDECIDED_AT_V1`]) was decided,
/// and C-001 became implemented when T-014 was done (2026-02-27).
#[rustfmt::skip]
pub const SOA_AT_V1: &[SoaRow] = &[
    ("5.21", &[Re::Business], St::Planned, CTO, "Open-source and SaaS supply chain of NordDispatch.", ""),
    ("C-001", &[Re::Contractual], St::Partial, ISB, "Customers send security questionnaires with every tender.", "Standard answer library v3"),
];

/// The controls v1 was issued with undecided (its gaps accepted at issue), decided since.
pub const UNDECIDED_AT_V1: &[&str] = &["8.12"];

/// Target dates of planned controls. C-002 has none: a documented gap (SOA-009).
pub const TARGET_DATES: &[(&str, &str)] = &[("5.30", "2026-12-15"), ("5.35", "2026-05-31")];

/// A risk re-rated after v1 of the SoA: number, the inherent rating first recorded. The
/// register then holds the rating of [`RISKS`]; the change is logged when the demo is written.
pub const RERATED: (u32, (u8, u8)) = (2, (2, 5));

/// Clause checklist entries: number, status, note, evidence. Unlisted clauses stay not started.
#[rustfmt::skip]
pub const CLAUSES: &[(&str, CS, &str, &str)] = &[
    ("4.1", CS::Done, "Internal and external issues CI-001 to CI-005, including climate change (Amd 1:2024).", "D-020 Context analysis v1.1, 2026-01"),
    ("4.2", CS::Done, "Interested parties IP-001 to IP-007 and their requirements reviewed.", "Register of interested parties in this workspace"),
    ("4.3", CS::Done, "ISMS scope and certificate scope approved on 2026-02-10.", "D-021 Scope statement v1.2"),
    ("4.4", CS::InProgress, "ISMS processes mapped; interactions still to be documented.", ""),
    ("5.1", CS::Done, "Budget 2026 for the ISMS and certification approved.", "Management review minutes 2025-11"),
    ("5.2", CS::Done, "Information security policy approved and published.", "D-001 Information security policy v2.0"),
    ("5.3", CS::Done, "ISB appointed; risk and asset owners named.", "D-002 Roles and responsibilities v1.1"),
    ("6.1.1", CS::Done, "Risks and opportunities of the ISMS considered.", "D-022 Risk methodology v1.0"),
    ("6.1.2", CS::Done, "5x5 methodology with acceptance criteria; assessment 2026 completed.", "D-022 Risk methodology v1.0; risk register"),
    ("6.1.3", CS::InProgress, "Treatment plan drawn up; risk owners' approval pending for some risks.", "Risk treatment plan; SoA of 2026-02-10"),
    ("6.2", CS::InProgress, "Objectives for 2026 set; measurement not yet defined.", "D-023 Security objectives 2026"),
    ("7.1", CS::Done, "ISB at 50 %, external DPO, budget for tools and audits.", "Budget 2026"),
    ("7.2", CS::InProgress, "Competence requirements for ISB and DevOps defined; records incomplete.", "Training records in the HR system"),
    ("7.3", CS::InProgress, "Onboarding awareness done; yearly programme running (T-007).", ""),
    ("7.5.1", CS::Done, "Document list with owners.", "Document register in SharePoint"),
    ("7.5.2", CS::Done, "Template with version, date and approver.", "Document template v1.0"),
    ("7.5.3", CS::InProgress, "SharePoint permissions and retention for ISMS documents being set up.", ""),
    ("8.1", CS::InProgress, "Operational planning via the treatment plan.", ""),
    ("8.2", CS::Done, "Risk assessment 2026 carried out in January and February.", "Risk register, assessment workshop minutes 2026-01-28"),
    ("8.3", CS::InProgress, "Treatment actions T-001 to T-017 tracked.", "Risk treatment plan"),
    ("9.2.1", CS::Done, "Internal audit AU-001 held in November 2025 and reported on 2025-11-28; stage 1 of the certification audit planned for May 2026.", "Audit register in this workspace"),
    ("9.2.2", CS::InProgress, "Audit programme over the certification cycle: AU-003 in June 2026 covers the technical and physical controls AU-001 left out.", "Audit register in this workspace"),
    ("10.2", CS::InProgress, "NC-001 closed after an effective review; NC-002 is open, its corrective action overdue.", "Nonconformity register in this workspace"),
];

/// A document of the register of documented information: its title, kind, owner,
/// classification, where it is kept, its review period in months (0: none), the versions it
/// went through (number, date, change note, approver; no approver: a draft), whether it was
/// withdrawn since, and what it serves: clauses, controls and treatment actions (by number).
/// The documents are numbered in this order, as the SoA's evidence and the clauses cite them.
pub struct DocumentRow {
    pub title: &'static str,
    pub kind: DocKind,
    pub owner: &'static str,
    pub classification: &'static str,
    pub location: &'static str,
    pub review_months: u32,
    pub versions: &'static [(&'static str, &'static str, &'static str, &'static str)],
    pub withdrawn: bool,
    pub clauses: &'static [&'static str],
    pub controls: &'static [&'static str],
    pub actions: &'static [u32],
}

const POLICIES: &str = "SharePoint: ISMS/Policies";
const PROCEDURES: &str = "SharePoint: ISMS/Procedures";
const RECORDS: &str = "SharePoint: ISMS/Records";

const fn doc(title: &'static str, kind: DocKind, owner: &'static str) -> DocumentRow {
    DocumentRow {
        title,
        kind,
        owner,
        classification: "internal",
        location: POLICIES,
        review_months: 12,
        versions: &[],
        withdrawn: false,
        clauses: &[],
        controls: &[],
        actions: &[],
    }
}

/// D-001 to D-023. The mandatory documents of clauses 4 to 10 that the demo has (4.3, 5.2,
/// 6.1.2, 6.1.3, 6.2, 7.5.1, 8.2; 8.3 is the treatment plan in this workspace), the policies and
/// procedures its SoA names as evidence, and the guideline the policy replaced (D-017,
/// withdrawn, named by nothing). D-004 is overdue for review (approved 2025-02-20, reviewed
/// every 12 months); D-007 is a draft named by A.5.29 and T-004.
#[rustfmt::skip]
pub const DOCUMENTS: &[DocumentRow] = &[
    DocumentRow { versions: &[("1.0", "2024-02-01", "First issue.", MD), ("2.0", "2026-01-12", "Revised for ISO/IEC 27001:2022 and the new ISMS scope.", MD)], clauses: &["5.2"], controls: &["5.1"], ..doc("Information security policy", DocKind::Policy, ISB) },
    DocumentRow { versions: &[("1.0", "2024-05-06", "ISB appointed.", MD), ("1.1", "2025-09-15", "Risk and asset owners named.", MD)], clauses: &["5.3"], controls: &["5.2"], ..doc("Roles and responsibilities", DocKind::Procedure, ISB) },
    DocumentRow { versions: &[("1.1", "2024-04-15", "Remote work section.", MD), ("1.2", "2025-06-02", "Mobile devices under MDM.", MD)], controls: &["5.10", "6.7", "7.7", "8.1"], actions: &[7], ..doc("Acceptable use and mobile devices policy", DocKind::Policy, ISB) },
    DocumentRow { versions: &[("1.2", "2024-03-11", "Administrator accounts separated.", MD), ("1.3", "2025-02-20", "Quarterly access reviews.", MD)], controls: &["5.15", "8.2"], actions: &[13], ..doc("Access control policy", DocKind::Policy, ISB) },
    DocumentRow { versions: &[("1.0", "2025-11-03", "First issue.", MD)], controls: &["5.19", "5.23"], ..doc("Supplier security policy", DocKind::Policy, CFO) },
    DocumentRow { versions: &[("1.0", "2024-09-02", "First issue.", ISB), ("1.1", "2025-10-20", "Triage matrix and GDPR notification steps.", ISB)], location: PROCEDURES, controls: &["5.5", "5.24", "5.25", "5.26"], ..doc("Incident response procedure", DocKind::Procedure, ISB) },
    DocumentRow { versions: &[("0.9", "2026-02-27", "Draft for the management review: dispatch fallback by phone.", "")], classification: "confidential", controls: &["5.29"], actions: &[4], ..doc("Business continuity plan", DocKind::Plan, OPS) },
    DocumentRow { versions: &[("1.0", "2025-07-01", "First issue.", CTO)], location: PROCEDURES, controls: &["8.25", "8.33"], ..doc("Secure development guideline", DocKind::Procedure, CTO) },
    DocumentRow { versions: &[("1.0", "2025-12-01", "Cloud backup with object lock.", CTO)], classification: "confidential", location: PROCEDURES, controls: &["8.13"], ..doc("Backup concept", DocKind::Procedure, IT) },
    DocumentRow { versions: &[("1.0", "2025-04-14", "First issue.", MD)], review_months: 24, controls: &["5.12"], ..doc("Classification scheme", DocKind::Policy, ISB) },
    DocumentRow { versions: &[("1.0", "2025-05-05", "First issue.", CTO)], review_months: 24, location: PROCEDURES, controls: &["8.24"], ..doc("Cryptography guideline", DocKind::Procedure, CTO) },
    DocumentRow { versions: &[("1.0", "2025-08-18", "First issue.", CTO)], review_months: 24, location: PROCEDURES, controls: &["8.15"], ..doc("Logging concept", DocKind::Procedure, DEVOPS) },
    DocumentRow { versions: &[("1.0", "2024-11-04", "First issue.", MD)], review_months: 24, classification: "confidential", location: PROCEDURES, controls: &["6.4"], ..doc("HR security procedure", DocKind::Procedure, HR) },
    DocumentRow { versions: &[("2.2", "2025-06-30", "Runbooks moved to the repository.", CTO), ("2.3", "2026-03-02", "On-call rota and escalation.", CTO)], classification: "confidential", location: "Git repository nordwind/ops-handbook", controls: &["5.37"], ..doc("Operations handbook", DocKind::Procedure, DEVOPS) },
    DocumentRow { versions: &[("1.1", "2025-09-01", "Infrastructure changes by pull request.", CTO)], review_months: 24, location: PROCEDURES, controls: &["8.32"], ..doc("Change management procedure", DocKind::Procedure, CTO) },
    DocumentRow { versions: &[("1.0", "2025-01-20", "GoBD retention periods.", MD)], review_months: 24, location: RECORDS, controls: &["5.33"], ..doc("Records retention schedule", DocKind::Procedure, CFO) },
    DocumentRow { versions: &[("1.0", "2019-05-01", "First issue.", MD)], review_months: 0, withdrawn: true, location: "SharePoint: ISMS/Archive", ..doc("IT security guideline (2019)", DocKind::Policy, IT) },
    DocumentRow { versions: &[("1.0", "2026-01-12", "Register, template with version, date and approver.", MD)], review_months: 24, location: PROCEDURES, clauses: &["7.5.1", "7.5.2"], ..doc("Document control procedure", DocKind::Procedure, ISB) },
    DocumentRow { versions: &[("1.0", "2026-02-06", "Assessment 2026 with the workshop of 2026-01-28.", MD)], review_months: 0, classification: "confidential", location: RECORDS, clauses: &["8.2"], ..doc("Risk assessment report 2026", DocKind::Record, ISB) },
    DocumentRow { versions: &[("1.0", "2025-01-27", "First issue.", MD), ("1.1", "2026-01-20", "Climate change as an external issue.", MD)], location: RECORDS, clauses: &["4.1"], ..doc("Context analysis", DocKind::Record, ISB) },
    DocumentRow { versions: &[("1.1", "2025-03-03", "Hamburg office included.", MD), ("1.2", "2026-02-10", "Certificate scope narrowed to NordDispatch.", MD)], clauses: &["4.3"], ..doc("Scope statement", DocKind::Policy, ISB) },
    DocumentRow { versions: &[("1.0", "2026-01-15", "5x5 matrix, acceptance criteria and treatment process.", MD)], location: PROCEDURES, clauses: &["6.1.1", "6.1.2", "6.1.3"], ..doc("Risk methodology", DocKind::Procedure, ISB) },
    DocumentRow { versions: &[("1.0", "2026-01-20", "Objectives for 2026.", MD)], clauses: &["6.2"], ..doc("Security objectives 2026", DocKind::Plan, MD) },
];

/// W-001, the protection needs workshop of 2026-01-28 with the client: title, started, ended,
/// attendees (of Nordwind Logistik GmbH), and the assets the room walked, in that order.
pub struct WorkshopRow {
    pub title: &'static str,
    pub started_at: &'static str,
    pub ended_at: &'static str,
    pub attendees: &'static [&'static str],
    pub walked: &'static [u32],
}

pub const WORKSHOP: WorkshopRow = WorkshopRow {
    title: "Protection needs workshop: dispatch, HR and shared infrastructure",
    started_at: "2026-01-28T09:00:00",
    ended_at: "2026-01-28T12:30:00",
    attendees: &[ISB, IT, OPS],
    walked: &[1, 3, 7, 16, 28, 11],
};

/// The ratings as the spreadsheet had them before the workshop: asset, objective, level and
/// rationale. The room changed them to what [`NEEDS`] says (AS-003 confidentiality high → very
/// high, AS-007 availability high → very high) or rewrote the rationale only (AS-001
/// confidentiality, high kept).
#[rustfmt::skip]
pub const PRE_RATINGS: &[(u32, Objective, u8, &str)] = &[
    (3, C, 2, "Personal data of staff."),
    (7, A, 2, "Dispatch can plan by phone for a day."),
    (1, C, 2, "Customer data."),
];

/// Questions noted in W-001: asset number (0 for the workshop as a whole), question, who
/// noted it, when, when it was answered ("" while open), the answer and who gave it, whom it is
/// given to and by when ("" for nobody, no date).
pub struct QuestionRow {
    pub asset: u32,
    pub text: &'static str,
    pub noted_by: &'static str,
    pub noted_at: &'static str,
    pub resolved_at: &'static str,
    pub answer: &'static str,
    pub answered_by: &'static str,
    pub assignee: &'static str,
    pub due: &'static str,
}

const NOTED_BY: &str = "anna.weber";

#[rustfmt::skip]
pub const QUESTIONS: &[QuestionRow] = &[
    QuestionRow { asset: 16, text: "Are spare laptops kept in Hamburg too, or only in Bremen?", noted_by: NOTED_BY, noted_at: "2026-01-28T10:20:00", resolved_at: "2026-02-06T09:00:00", answer: "Only in Bremen: both spares are kept there, and Hamburg gets one by courier the same day.", answered_by: IT, assignee: "", due: "" },
    QuestionRow { asset: 28, text: "Who owns the Backup NAS: our IT or the external IT service provider?", noted_by: NOTED_BY, noted_at: "2026-01-28T11:05:00", resolved_at: "", answer: "", answered_by: "", assignee: IT, due: "2026-04-30" },
    QuestionRow { asset: 11, text: "Which invoicing data would hurt most if altered: platform fees or dispatch billing?", noted_by: NOTED_BY, noted_at: "2026-01-28T11:40:00", resolved_at: "", answer: "", answered_by: "", assignee: "", due: "" },
    QuestionRow { asset: 0, text: "Does the canteen's Wi-Fi share the office network's uplink?", noted_by: NOTED_BY, noted_at: "2026-01-28T12:10:00", resolved_at: "", answer: "", answered_by: "", assignee: "", due: "" },
];
