import { Route, Routes } from "react-router";
import { NotFoundPage } from "../home/NotFoundPage.tsx";
import { DashboardPage } from "./DashboardPage.tsx";
import { LibraryPage, ResourcePage, ShareResourcePage } from "./LibraryPages.tsx";
import { NewPartnershipPage, PartnershipPage, PartnershipsPage } from "./PartnershipPages.tsx";
import { EngagementPage, NewEngagementPage, NewRequestPage, RequestPage } from "./RequestPages.tsx";
import { TaBoardPage } from "./TaBoardPage.tsx";
import { NewTrainingPage, TrainingPage, TrainingsPage } from "./TrainingPages.tsx";
import { TrainingResultsSummaryPage } from "./TrainingResults.tsx";

/** Everything under /ta (the router mounts this at `ta/*`). */
export function TaRoutes() {
  return (
    <Routes>
      <Route index element={<TaBoardPage />} />
      <Route path="dashboard" element={<DashboardPage />} />
      <Route path="requests/new" element={<NewRequestPage />} />
      <Route path="requests/:id" element={<RequestPage />} />
      <Route path="engagements/new" element={<NewEngagementPage />} />
      <Route path="engagements/:id" element={<EngagementPage />} />
      <Route path="partnerships" element={<PartnershipsPage />} />
      <Route path="partnerships/new" element={<NewPartnershipPage />} />
      <Route path="partnerships/:id" element={<PartnershipPage />} />
      <Route path="library" element={<LibraryPage />} />
      <Route path="library/new" element={<ShareResourcePage />} />
      <Route path="library/:id" element={<ResourcePage />} />
      <Route path="trainings" element={<TrainingsPage />} />
      <Route path="trainings/new" element={<NewTrainingPage />} />
      <Route path="trainings/results" element={<TrainingResultsSummaryPage />} />
      <Route path="trainings/:id" element={<TrainingPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
