import { useState } from 'react';
import { DrawSampleForm } from './DrawSampleForm.js';
import { PermissionUseReport } from './PermissionUseReport.js';
import { RecordCheck } from './RecordCheck.js';
import { SampleList } from './SampleList.js';
import { SampleReportView } from './SampleReportView.js';
import { SampleView } from './SampleView.js';
import './supervision.css';

/**
 * The supervisor's periodic checks (R26): draw a sample, check its records field by field, read
 * the report; and the report of how permissions were used.
 */
export function SupervisionPanel() {
  const [sampleId, setSampleId] = useState<string | null>(null);
  const [recordId, setRecordId] = useState<string | null>(null);
  const [report, setReport] = useState(false);

  function openSample(id: string): void {
    setSampleId(id);
    setRecordId(null);
    setReport(false);
  }

  return (
    <div className="supervision">
      <DrawSampleForm
        onDrawn={(detail) => {
          openSample(detail.sample.sampleId);
        }}
      />
      <SampleList selected={sampleId} onOpen={openSample} />
      {sampleId && (
        <SampleView
          sampleId={sampleId}
          onCheck={(id) => {
            setReport(false);
            setRecordId(id);
          }}
          onReport={() => {
            setRecordId(null);
            setReport(true);
          }}
          onClose={() => {
            setSampleId(null);
            setRecordId(null);
            setReport(false);
          }}
        />
      )}
      {sampleId && recordId && (
        <RecordCheck
          key={recordId}
          sampleId={sampleId}
          recordId={recordId}
          onBack={() => {
            setRecordId(null);
          }}
        />
      )}
      {sampleId && report && <SampleReportView sampleId={sampleId} />}
      <PermissionUseReport />
    </div>
  );
}
